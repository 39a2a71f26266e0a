"""The course's commands, for the instructor, the self-learner and the maintainer.

The instructor's pipeline over nbgrader: cli (the nn-* commands), course (a course directory and
its grading steps), exchange (release, collect, zip-collect), workers (parallel autograde),
outcomes (what happened to a submission), nbgrader_setup (nbgrader's configuration and fixes).
The self-learner's: selfcheck (nn-check, nn-solution). The maintainer's: build_notebooks
(nn-build), course_map (the README's table). Shared: paths (where the course is), submissions
(reading and rewriting notebooks). Grading in a sandbox: sandbox (bubblewrap), wire (plain data
across the boundary), notebook_run (the notebook's own run), learner_process and verdict (the clean
verdict), clean_grades (the two compared, the clean one kept), copies (copy detection).
"""
