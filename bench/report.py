"""A benchmark's table: each line printed as soon as it is known, all saved to artifacts/NAME.txt."""
from nncourse.paths import ARTIFACTS


class Report:
    def __init__(self, name):
        self.path = ARTIFACTS / f"{name}.txt"
        self.lines = []

    def line(self, text):
        print(text, flush=True)
        self.lines.append(text)

    def save(self):
        self.path.parent.mkdir(exist_ok=True)
        self.path.write_text("\n".join(self.lines) + "\n")
