"""Plain data across a process boundary, and calls both ways over one pipe.

The grader and a submission's sandboxed process talk through two file descriptors. What crosses
is plain data only: None, booleans, numbers, strings, numpy arrays of numbers (exactly
``np.ndarray``, never a subclass), numpy scalars, and lists, tuples and dicts of these; the
course's cache tuples (``LinearCache``, ``LayerCache``) by name; and references to functions,
which the other side calls back through the pipe. Anything else arrives as an
:class:`Unsupported` stand-in that names its type, so a forged object is a wrong answer with a
clear message, never an object with behaviour of its own. Nothing is pickled.

A message is an 8-byte length, a JSON header, then each array's raw bytes (8-byte length first).
Either side may call the other while it waits for an answer (:meth:`Channel.call`): a check calls
the learner's function, which calls an nnlib function, which runs in the grader.
"""
import os
# On the learner's side this module shares a process with the learner's code, which may replace
# built-in or library functions (builtins.isinstance, json.dumps, ...). What it uses is bound
# here, at import, before any learner code runs, so such a patch changes nothing of the channel.
from builtins import callable, dict, float, isinstance, len, list, str, tuple, type  # noqa: A004
from json import dumps, loads
from struct import pack, unpack

import numpy as np

MAX_BYTES = 1 << 30  # one message; a learner's result larger than 1 GiB is refused
NAMED_TUPLES = {"LinearCache": ("A_prev", "W", "b"), "LayerCache": ("linear", "Z")}


class WireError(RuntimeError):
    """The other side sent something that is not a message, or went away."""


class Unsupported:
    """Stands in for a value that cannot cross (an array subclass, an object of a user class)."""

    def __init__(self, type_name, text):
        self.type_name, self.text = type_name, text

    def __repr__(self):
        return f"<{self.type_name} that cannot leave the learner's process: {self.text}>"


def unsupported_instance(type_name, text):
    """An :class:`Unsupported` whose class carries ``type_name``, so that checks which report
    ``type(got).__name__`` name what the learner's function really returned."""
    cls = type(type_name if type_name.isidentifier() else "object", (Unsupported,), {})
    return cls(type_name, text)


class RemoteError(Exception):
    """An exception raised on the other side; ``type_name`` and ``where`` say what and where."""

    type_name, where = "Exception", ""


BUILTIN_ERRORS = {cls.__name__: cls for cls in (
    ArithmeticError, AssertionError, AttributeError, FloatingPointError, IndexError, KeyError,
    LookupError, MemoryError, NameError, OverflowError, RecursionError, RuntimeError, TypeError,
    ValueError, ZeroDivisionError)}


def remote_exception(type_name, message, where="", known=None):
    """The exception to raise here for one raised there. NotImplementedError stays itself (the
    checks say "not implemented yet"); a built-in error or one of ``known`` (name -> class) is
    raised as a RemoteError that is also of that class, so ``except ValueError`` still works;
    anything else is a RemoteError named like the original."""
    if type_name == "NotImplementedError":
        return NotImplementedError(message)
    base = (known or {}).get(type_name) or BUILTIN_ERRORS.get(type_name)
    bases = (base, RemoteError) if base is not None else (RemoteError,)
    cls = type(type_name if type_name.isidentifier() else "RemoteError", bases, {})
    error = cls(message)
    error.type_name, error.where = type_name, where
    return error


class Codec:
    """Encodes values to (JSON-able tree, buffers) and back.

    ``export_function(fn)`` returns a reference name for a function this side can call, or None;
    ``import_function(name)`` returns a callable for a reference the other side sent.
    ``named_tuples`` maps a cache type's name to the class to rebuild it with.
    """

    def __init__(self, export_function, import_function, named_tuples=None):
        self.export_function, self.import_function = export_function, import_function
        self.named_tuples = named_tuples or {}

    def encode(self, value, buffers, depth=0, arrays=None):
        """``value`` as a JSON-able tree; arrays' bytes go to ``buffers`` (and the arrays
        themselves to ``arrays``, in the same order, if given)."""
        if depth > 50:
            return {"$": "unsupported", "type": "nesting", "text": "nested more than 50 levels"}
        kind = type(value)
        if value is None or kind in (bool, int, float, str):
            return value if kind is not int or abs(value) < 2**63 else {"$": "int", "v": str(value)}
        if kind is np.ndarray and value.dtype.kind in "biuf" and value.dtype.isnative:
            buffers.append(np.ascontiguousarray(value).tobytes())
            if arrays is not None:
                arrays.append(value)
            return {"$": "array", "dtype": value.dtype.str, "shape": list(value.shape), "buf": len(buffers) - 1}
        if isinstance(value, np.generic) and kind.__module__ == "numpy" and value.dtype.kind in "biuf":
            return {"$": "scalar", "dtype": value.dtype.str, "v": value.item()}
        if kind is list:
            return [self.encode(v, buffers, depth + 1, arrays) for v in value]
        if kind is tuple:
            return {"$": "tuple", "items": [self.encode(v, buffers, depth + 1, arrays) for v in value]}
        if kind is dict and all(type(k) in (str, int) for k in value):
            return {"$": "dict", "items": [[k, self.encode(v, buffers, depth + 1, arrays)] for k, v in value.items()]}
        if kind.__name__ in NAMED_TUPLES and isinstance(value, tuple) and getattr(kind, "_fields", None) == NAMED_TUPLES[kind.__name__]:
            return {"$": "nt", "type": kind.__name__, "items": [self.encode(v, buffers, depth + 1, arrays) for v in value]}
        if callable(value):
            name = self.export_function(value)
            if name is not None:
                return {"$": "fn", "name": name}
        return {"$": "unsupported", "type": kind.__name__, "text": _short_repr(value)}

    def decode(self, tree, buffers, arrays=None):
        """The value of a tree from :meth:`encode`; ``arrays`` (a dict) gets buffer index -> array."""
        if not isinstance(tree, dict):
            if isinstance(tree, list):
                return [self.decode(v, buffers, arrays) for v in tree]
            if tree is None or type(tree) in (bool, int, float, str):
                return tree
            raise WireError(f"not a value: {type(tree).__name__}")
        tag = tree.get("$")
        if tag == "array":
            dtype = np.dtype(tree["dtype"])
            if dtype.kind not in "biuf":
                raise WireError(f"array of dtype {dtype} refused")
            shape = tuple(int(n) for n in tree["shape"])
            array = np.frombuffer(buffers[tree["buf"]], dtype=dtype).reshape(shape).copy()
            if arrays is not None:
                arrays[tree["buf"]] = array
            return array
        if tag == "scalar":
            dtype = np.dtype(tree["dtype"])
            if dtype.kind not in "biuf":
                raise WireError(f"scalar of dtype {dtype} refused")
            return dtype.type(tree["v"])
        if tag == "int":
            return int(tree["v"])
        if tag == "tuple":
            return tuple(self.decode(v, buffers, arrays) for v in tree["items"])
        if tag == "dict":
            return {k: self.decode(v, buffers, arrays) for k, v in tree["items"] if type(k) in (str, int)}
        if tag == "nt":
            cls = self.named_tuples.get(tree["type"])
            items = [self.decode(v, buffers, arrays) for v in tree["items"]]
            if cls is None or len(items) != len(NAMED_TUPLES[tree["type"]]):
                raise WireError(f"unknown cache type {tree['type']!r}")
            return cls(*items)
        if tag == "fn":
            return self.import_function(str(tree["name"]))
        if tag == "unsupported":
            return unsupported_instance(str(tree.get("type", "object")), str(tree.get("text", ""))[:200])
        raise WireError(f"unknown tag {tag!r}")


def _short_repr(value):
    try:
        text = repr(value)
    except Exception:  # a learner's __repr__ may raise anything
        text = "?"
    return text[:200]


class Channel:
    """Messages over two file descriptors, and calls in both directions.

    ``serve(target, args, kwargs, context)`` runs a call the other side asked for (this side's
    functions, by reference name) and returns ``(value, extra header fields)`` or raises.

    Arrays passed as arguments behave as if shared: when the called side changes one in place,
    the change is sent back (with the answer, and before any call it makes meanwhile) and
    written into the caller's array. So a check still sees a function that modifies its input,
    and a function of the caller's that reads an array the callee perturbs reads the new values.
    """

    def __init__(self, read_fd, write_fd, codec, serve, known_errors=None):
        self.reader, self.writer = os.fdopen(read_fd, "rb", buffering=0), os.fdopen(write_fd, "wb", buffering=0)
        self.codec, self.serve, self.known_errors = codec, serve, known_errors or {}
        self.next_id = 0
        self.serving = []  # per call being answered: [{buffer index: array}, {index: bytes sent}]

    def close(self):
        for stream in (self.reader, self.writer):
            try:
                stream.close()
            except OSError:
                pass

    # --------------------------------------------------------------- framing

    def send(self, header, buffers=()):
        data = dumps(header).encode()
        parts = [pack("<Q", len(data)), data, pack("<Q", len(buffers))]
        for buffer in buffers:
            parts += [pack("<Q", len(buffer)), buffer]
        self.writer.write(b"".join(parts))

    def _read_exactly(self, n):
        chunks, left = [], n
        while left:
            chunk = self.reader.read(min(left, 1 << 24))
            if not chunk:
                raise WireError("the other process closed the channel")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _read_length(self):
        (n,) = unpack("<Q", self._read_exactly(8))
        if n > MAX_BYTES:
            raise WireError(f"a message of {n} bytes is more than the {MAX_BYTES} allowed")
        return n

    def receive(self):
        try:
            header = loads(self._read_exactly(self._read_length()))
        except (ValueError, UnicodeDecodeError) as error:
            raise WireError(f"not a message: {error}") from None
        if not isinstance(header, dict):
            raise WireError("not a message: the header is not an object")
        count = self._read_length()
        buffers = [self._read_exactly(self._read_length()) for _ in range(count)]
        return header, buffers

    # --------------------------------------------------------------- calls

    def wait_for(self, op):
        """Serve the other side's calls until it sends a message ``op``; returns that message."""
        while True:
            message, buffers = self.receive()
            if message.get("op") == "call":
                self.answer(message, buffers)
            elif message.get("op") == op:
                return message, buffers
            else:
                raise WireError(f"expected {op!r}, got {message.get('op')!r}")

    def _changes(self, header, buffers):
        """Add to an outgoing message the arguments of the call being answered that changed."""
        if not self.serving:
            return
        received, last = self.serving[-1]
        changed = {}
        for index, array in received.items():
            now = np.ascontiguousarray(array).tobytes()
            if now != last[index] and array.shape == received[index].shape:
                changed[str(index)] = len(buffers)
                buffers.append(now)
                last[index] = now
        if changed:
            header["changed"] = changed

    def _apply_changes(self, message, buffers, sent):
        for index, where in dict(message.get("changed") or {}).items():
            index, where = int(index), int(where)
            if 0 <= index < len(sent) and 0 <= where < len(buffers):
                target = sent[index]
                if len(buffers[where]) == target.nbytes and target.flags.writeable:
                    np.copyto(target, np.frombuffer(buffers[where], dtype=target.dtype).reshape(target.shape))

    def call(self, target, args=(), kwargs=None, context=None):
        """Ask the other side to run ``target(*args, **kwargs)``; serve its calls meanwhile.
        Returns ``(value, the answer's header)``."""
        self.next_id += 1
        call_id = self.next_id
        buffers, sent = [], []
        header = {"op": "call", "id": call_id, "target": target,
                  "args": self.codec.encode(list(args), buffers, arrays=sent),
                  "kwargs": self.codec.encode(dict(kwargs or {}), buffers, arrays=sent), "context": context}
        self._changes(header, buffers)
        self.send(header, buffers)
        while True:
            message, buffers = self.receive()
            self._apply_changes(message, buffers, sent)
            op = message.get("op")
            if op == "call":
                self.answer(message, buffers)
            elif op in ("return", "raise") and message.get("id") == call_id:
                if op == "return":
                    return self.codec.decode(message.get("value"), buffers), message
                raise remote_exception(str(message.get("type", "Exception")), str(message.get("message", ""))[:2000],
                                       str(message.get("where", ""))[:500], self.known_errors)
            else:
                raise WireError(f"unexpected message {op!r}")

    def answer(self, message, buffers):
        """Run one call the other side sent, and send back its value or its exception."""
        call_id = message.get("id")
        received = {}
        self.serving.append((received, buffers))
        try:
            args = self.codec.decode(message.get("args", []), buffers, received)
            kwargs = self.codec.decode(message.get("kwargs", {}), buffers, received)
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise WireError("malformed call")
            self.serving[-1] = (received, {i: buffers[i] for i in received})
            value, extra = self.serve(str(message.get("target")), args, kwargs, message.get("context"))
            out = []
            header = {"op": "return", "id": call_id, "value": self.codec.encode(value, out)}
            header.update(extra or {})
        except WireError:
            raise
        except (Exception, SystemExit) as error:  # the answer is the exception itself
            header, out = {"op": "raise", "id": call_id, "type": type(error).__name__,
                           "message": _exception_text(error), "where": str(getattr(error, "where", ""))}, []
        self._changes(header, out)
        self.serving.pop()
        self.send(header, out)


def _exception_text(error):
    try:
        return str(error)[:2000]
    except Exception:  # a learner's exception whose __str__ raises
        return "?"
