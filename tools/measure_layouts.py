#!/usr/bin/env python3
"""Measure CPython object layouts for heapscope's ObjectLayouts model.

Runs under any CPython 3.8-3.13 and prints one JSON document on stdout:

  sizeof     name -> sys.getsizeof of a sample object
  blocks     name -> request sizes (bytes) of the blocks one object allocates,
             sorted descending; measured with tracemalloc: the expression is
             compiled into a file named <probe>, evaluated N times into a
             preallocated list, and the traces still alive whose innermost
             frame is in <probe> (minus the loop line) are counted per size.
             A size counts when it occurs at least 0.9*N times (free lists hold
             at most a few dozen objects after gc.collect()).
  idoffset   name -> getsizeof(o) - o.__sizeof__() (GC head + pre-header: the
             distance from the block start to id(o))
  poolofs    name -> (id(o) % POOL_SIZE - 48) % class_size(object block), the
             id offset read off consecutive blocks of a pool
  isgc       name -> whether type(o) has Py_TPFLAGS_HAVE_GC
  series     name -> list of numbers (growth sequences, per-instance blocks)
  code       name -> code-object inputs of frame/generator formulas

Usage:  PYTHONHASHSEED=0 python3.X tools/measure_layouts.py > Tests/HeapModelTests/Fixtures/layouts-3.X.json
Or:     tools/measure_layouts.py --all    (writes the fixtures for every pyenv interpreter)
"""

import gc
import json
import os
import subprocess
import sys
import tracemalloc

N = 2000
V = sys.version_info[:2]
POOL = 4096 if V < (3, 10) else 16384

sizeof = {}
blocks = {}
idoffset = {}
poolofs = {}
isgc = {}
series = {}
code = {}

SETUP = r'''
import weakref, types, sys
class Obj:
    pass
class WithMethod:
    def m(self):
        pass
def identity(x):
    return x
def gen0():
    yield 1
def gen_locals(a, b, c):
    d = a + b
    e = d + c
    yield d
    yield e
def gen_deep(a):
    yield [a, a, a, a, a, a, a, a, (a, a, a, (a, a, (a, a)))]
def gen_cell(a):
    def inner():
        return a
    yield inner
def make_closure(v):
    def inner():
        return v
    return inner
class Slots0:
    __slots__ = ()
class Slots2:
    __slots__ = ('a', 'b')
class SlotsW:
    __slots__ = ('a', '__weakref__')
class Slots5:
    __slots__ = ('a', 'b', 'c', 'd', 'e')
class Sub(Obj):
    def m(self):
        return super()
'''


def compile_probe(expr, extra=''):
    src = SETUP + extra + '\ndef probe(keep, n, I):\n    for i in range(n):\n        keep[i] = (' + expr + ')\n'
    ns = {}
    exec(compile(src, '<probe>', 'exec'), ns)
    loop_line = src.count('\n', 0, src.index('    for i in range(n):')) + 1
    return ns, loop_line


def traced(fn, loop_line):
    """Run fn() with fresh traces; return {size: count} of live <probe> traces."""
    gc.collect()
    tracemalloc.clear_traces()
    fn()
    snap = tracemalloc.take_snapshot()
    hist = {}
    for t in snap.traces:
        fr = t.traceback[0]
        if fr.filename == '<probe>' and fr.lineno != loop_line:
            hist[t.size] = hist.get(t.size, 0) + 1
    return hist


def size_class(n):
    return ((n + 15) // 16) * 16


def measure(name, expr, extra='', n=N, init=None, obj_block=None, want_blocks=True):
    """Record getsizeof, blocks, id offset and GC-ness of `expr`."""
    ns, loop_line = compile_probe(expr, extra)
    inputs = init(ns) if init else [None] * n
    keep = [None] * n
    if want_blocks:
        hist = traced(lambda: ns['probe'](keep, n, inputs), loop_line)
        out = []
        for size, count in hist.items():
            per = count / n
            if per >= 0.9:
                out += [size] * int(round(per))
        blocks[name] = sorted(out, reverse=True)
    else:
        ns['probe'](keep, n, inputs)
    o = keep[-1]
    sizeof[name] = sys.getsizeof(o)
    try:
        idoffset[name] = sys.getsizeof(o) - o.__sizeof__()
    except TypeError:
        pass
    isgc[name] = bool(type(o).__flags__ & (1 << 14))
    if obj_block is not None and obj_block <= 512:
        cls = size_class(obj_block)
        ofs = {}
        for x in keep:
            r = (id(x) % POOL - 48) % cls
            ofs[r] = ofs.get(r, 0) + 1
        poolofs[name] = max(ofs, key=ofs.get)
    return keep


def main():
    tracemalloc.start(1)

    # ---- singletons and scalars ------------------------------------------------
    sizeof['none'] = sys.getsizeof(None)
    sizeof['true'] = sys.getsizeof(True)
    sizeof['false'] = sys.getsizeof(False)
    measure('object', 'object()', obj_block=16)
    measure('float', 'i * 0.5', obj_block=24)

    # ---- int -------------------------------------------------------------------
    series['int.sizeof.values'] = []
    vals = [0, 1, -1, 5, 256, 257, 2**30 - 1, 2**30, 2**60 - 1, 2**60, 2**90, 2**100, 2**120, 2**150, 2**300, -2**100]
    for v in vals:
        series['int.sizeof.values'].append(sys.getsizeof(v))
    sizeof['int.bool'] = sys.getsizeof(True)
    for digits, text in [(1, '1000'), (2, str(2**40)), (3, str(2**70)), (4, str(2**100)), (5, str(2**130))]:
        measure('int.parsed.%dd' % digits, 'int(I[0])', init=lambda ns, t=text: [t], obj_block=24 + 4 * digits)
    # arithmetic results: operand digit counts in the name
    arith = [
        ('int.add.1d1d', '1000 + i'),
        ('int.add.2d1d', 'BIG40 + i'),
        ('int.add.3d1d', 'BIG70 + i'),
        ('int.add.4d1d', 'BIG100 + i'),
        ('int.add.2d2d', 'BIG40 + BIG40B + i * 0'),
        ('int.sub.2d1d', 'BIG40 - i'),
        ('int.sub.4d1d', 'BIG100 - i'),
        ('int.mul.1d1d', '1000 * i'),
        ('int.mul.2d1d', 'BIG40 * (i + 2)'),
        ('int.mul.2d2d', 'BIG40 * (BIG40B + i)'),
        ('int.neg.2d', '-(BIG40 + i * 0)'),
        ('int.floordiv.3d1d', 'BIG70 // (i + 2)'),
        ('int.lshift.1d', '(i + 300) << 35'),
        ('int.lshift.small', '(i + 300) << 3'),
        ('int.neg.1d', '-(i + 300)'),
        ('int.mul.1d1d.wide', '(i + 40000) * 40000'),
        ('int.floordiv.1d1d', '(i + 300000) // 7'),
        ('int.floordiv.4d2d', 'BIG100 // (BIG40 + i)'),
        ('int.add.1d1d.wide', '(i % 7 + 1073741000) + 1000'),
    ]
    extra = '\nBIG40 = 2**40\nBIG40B = 2**40 + 12345\nBIG70 = 2**70\nBIG100 = 2**100\n'
    for name, expr in arith:
        measure(name, expr, extra=extra)

    # ---- str -------------------------------------------------------------------
    strs = [('ascii', 'x'), ('latin1', '\xe9'), ('ucs2', '\u20ac'), ('ucs4', '\U0001F600')]
    for kind, ch in strs:
        for length in (0, 1, 2, 3, 8, 10, 30):
            if length == 0:
                sizeof['str.%s.0' % kind] = sys.getsizeof('')
                continue
            src = 'a' * 0 + ch * (length + 1)
            # slicing a fresh string of the same kind; [1:] keeps the max char
            measure('str.%s.%d' % (kind, length), 'I[0][1:]', init=lambda ns, s=src: [s],
                    obj_block=None, n=N if length > 1 or kind == 'ascii' else N)
    # literal one-character strings (3.12+: cached with a UTF-8 copy)
    sizeof['str.literal.a'] = sys.getsizeof('a')
    sizeof['str.literal.e_acute'] = sys.getsizeof('\xe9')
    sizeof['str.literal.e_acute2'] = sys.getsizeof('\xe9' * 2)
    sizeof['str.literal.euro'] = sys.getsizeof('\u20ac')
    sizeof['str.literal.emoji'] = sys.getsizeof('\U0001F600')
    sizeof['str.chr233'] = sys.getsizeof(chr(233))
    sizeof['str.abc10'] = sys.getsizeof('abc' * 10)
    # a str whose UTF-8 copy has been requested (encode caches nothing; but
    # PyUnicode_AsUTF8 through e.g. compile() does).  Measure utf-8 caching via
    # a non-ASCII identifier passed to getattr.
    s = ('\xe9t\xe9' * 3)[1:]
    before = sys.getsizeof(s)
    try:
        getattr(object(), s)
    except AttributeError:
        pass
    series['str.utf8cache.latin1.8'] = [before, sys.getsizeof(s)]

    # ---- bytes / bytearray -------------------------------------------------------
    for length in (0, 1, 3, 10, 100):
        if length == 0:
            sizeof['bytes.0'] = sys.getsizeof(b'')
            continue
        measure('bytes.%d' % length, 'I[0][1:]', init=lambda ns, n=length: [b'x' * (n + 1)])
    for length in (0, 3, 10, 100):
        measure('bytearray.%d' % length, 'bytearray(I[0])', init=lambda ns, n=length: [b'x' * n])
    ba = bytearray()
    seq = [sys.getsizeof(ba)]
    for k in range(64):
        ba.append(1)
        seq.append(sys.getsizeof(ba))
    series['bytearray.append'] = seq

    # ---- tuple -------------------------------------------------------------------
    for n in (1, 2, 3, 5, 10, 20, 30):
        measure('tuple.%d' % n, 'tuple(I[0])', init=lambda ns, n=n: [list(range(1000, 1000 + n))],
                obj_block=24 + 8 * n + 16)
    sizeof['tuple.0'] = sys.getsizeof(())

    # ---- list --------------------------------------------------------------------
    measure('list.empty', '[]', obj_block=56)
    measure('list.display1', '[i]', obj_block=56)
    measure('list.display3', '[i, i, i]', obj_block=56)
    for k in (3, 4, 5, 6, 7):
        measure('list.const%d' % k, '[' + ', '.join(str(x + 1) for x in range(k)) + ']')
    for k in (0, 1, 2, 3, 5, 7, 10):
        measure('list.fromlist%d' % k, 'list(I[0])', init=lambda ns, k=k: [list(range(k))])
        measure('list.fromrange%d' % k, 'list(I[0])', init=lambda ns, k=k: [range(k)])
        measure('list.fromtuple%d' % k, 'list(I[0])', init=lambda ns, k=k: [tuple(range(k))])
    for k in (1, 3, 10, 100):
        measure('list.repeat%d' % k, '[i] * %d' % k)
    for k in (1, 5, 10, 17):
        measure('list.comp%d' % k, '[x for x in I[0]]', init=lambda ns, k=k: [range(k)])
        measure('list.fromgen%d' % k, 'list(x for x in I[0])', init=lambda ns, k=k: [range(k)])
    lst = []
    seq = [sys.getsizeof(lst)]
    for k in range(300):
        lst.append(k)
        seq.append(sys.getsizeof(lst))
    series['list.append'] = seq
    seq = []
    while lst:
        lst.pop()
        seq.append(sys.getsizeof(lst))
    series['list.pop'] = seq
    lst = list(range(100))
    seq = []
    for k in range(100):
        del lst[0]
        seq.append(sys.getsizeof(lst))
    series['list.delfront'] = seq
    lst = []
    seq = []
    for k in range(40):
        lst.extend(range(k % 7))
        seq.append(sys.getsizeof(lst))
    series['list.extend_mod7'] = seq
    lst = list(range(100))
    del lst[10:90]
    series['list.delslice100_80'] = [sys.getsizeof(lst)]
    lst = [0]
    lst *= 10
    series['list.imul10'] = [sys.getsizeof(lst)]

    # ---- dict --------------------------------------------------------------------
    measure('dict.empty', '{}', obj_block=64)
    measure('dict.ctor', 'dict()', obj_block=64)
    for k in (6, 10, 11, 16, 21, 22):
        measure('dict.display.str%d' % k, '{' + ', '.join("'k%d': i" % x for x in range(k)) + '}')
        measure('dict.display.int%d' % k, '{' + ', '.join('%d: i' % (1000 + x) for x in range(k)) + '}')
    for k in (1, 5, 6, 10, 11, 21, 22, 42, 43):
        measure('dict.int%d' % k, '{K: i for K in I[0]}', init=lambda ns, k=k: [list(range(1000, 1000 + k))])
        measure('dict.str%d' % k, '{K: i for K in I[0]}', init=lambda ns, k=k: [['k%d' % x for x in range(k)]])
        measure('dict.fromkeys.str%d' % k, 'dict.fromkeys(I[0])', init=lambda ns, k=k: [['k%d' % x for x in range(k)]])
    measure('dict.display.str1', "{'a': i}")
    measure('dict.display.str3', "{'a': i, 'b': i, 'c': i}")
    measure('dict.display.int3', "{1: i, 2: i, 3: i}")
    measure('dict.kwargs.str3', "dict(a=i, b=i, c=i)")
    measure('dict.copy.str3', "I[0].copy()", init=lambda ns: [{'a': 1, 'b': 2, 'c': 3}])
    measure('dict.dictof.str3', "dict(I[0])", init=lambda ns: [{'a': 1, 'b': 2, 'c': 3}])
    for keykind, mk in (('int', lambda x: 1000 + x), ('str', lambda x: 'k%d' % x)):
        d = {}
        seq = [sys.getsizeof(d)]
        for x in range(200):
            d[mk(x)] = x
            seq.append(sys.getsizeof(d))
        series['dict.insert.%s' % keykind] = seq
        seq = []
        for x in range(200):
            del d[mk(x)]
            seq.append(sys.getsizeof(d))
        series['dict.delete.%s' % keykind] = seq
        # refill after deletions: insertion-triggered resize from used*3
        seq = []
        for x in range(30):
            d[mk(1000 + x)] = x
            seq.append(sys.getsizeof(d))
        series['dict.refill.%s' % keykind] = seq
        d = dict()
        seq = [sys.getsizeof(d)]
        for x in range(12):
            d[mk(x)] = x
            seq.append(sys.getsizeof(d))
        series['dict.ctorinsert.%s' % keykind] = seq
        # churn: insert 5, delete 4, insert 5 … (dummies fill the table)
        d = {}
        seq = []
        for r in range(6):
            for x in range(5):
                d[mk(100 * r + x)] = x
            seq.append(sys.getsizeof(d))
            for x in range(4):
                del d[mk(100 * r + x)]
            seq.append(sys.getsizeof(d))
        series['dict.churn.%s' % keykind] = seq

    # ---- set / frozenset -----------------------------------------------------------
    measure('set.empty', 'set()', obj_block=216)
    measure('frozenset.1', 'frozenset(I[0])', init=lambda ns: [[1000]])
    for k in (1, 4, 5, 10, 18, 19, 50, 100):
        measure('set.fromlist%d' % k, 'set(I[0])', init=lambda ns, k=k: [list(range(1000, 1000 + k))])
        measure('set.comp%d' % k, '{K for K in I[0]}', init=lambda ns, k=k: [list(range(1000, 1000 + k))])
    measure('set.display3', '{i, i + 1, i + 2}')
    s = set()
    seq = [sys.getsizeof(s)]
    for x in range(600):
        s.add(1000 + x)
        seq.append(sys.getsizeof(s))
    series['set.add'] = seq
    seq = []
    for x in range(600):
        s.discard(1000 + x)
        seq.append(sys.getsizeof(s))
    series['set.discard'] = seq

    # ---- instances -------------------------------------------------------------------
    for attrs in (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 22, 30):
        body = ''.join('        self.a%d = %d\n' % (x, x) for x in range(attrs)) or '        pass\n'
        cls = '\nclass C:\n    def __init__(self):\n' + body
        measure('inst.attrs%d' % attrs, 'C()', extra=cls)
        # dict materialised (vars())
        k = measure('inst.dict.attrs%d' % attrs, 'C()', extra=cls, want_blocks=False)
        sizeof['inst.dict.attrs%d' % attrs] = sys.getsizeof(vars(k[-1]))
        # blocks added by touching __dict__ on a steady-state instance
        ns, loop_line = compile_probe('vars(I[i])', cls)
        objs = [ns['C']() for _ in range(N)]
        keep = [None] * N
        hist = traced(lambda: ns['probe'](keep, N, objs), loop_line)
        blocks['inst.vars.attrs%d' % attrs] = sorted(
            sum(([sz] * int(round(c / N)) for sz, c in hist.items() if c / N >= 0.9), []), reverse=True)
    # per-instance blocks of a fresh class, instance #1..#40
    for attrs in (0, 1, 3, 8):
        body = ''.join('        self.a%d = %d\n' % (x, x) for x in range(attrs)) or '        pass\n'
        cls = '\nclass C:\n    def __init__(self):\n' + body
        ns, loop_line = compile_probe('C()', cls)
        per = []
        keepall = []
        for k in range(40):
            keep = [None]
            hist = traced(lambda: ns['probe'](keep, 1, None), loop_line)
            per.append(sorted(sum(([sz] * c for sz, c in hist.items()), []), reverse=True))
            keepall.append(keep[0])
        series['inst.fresh.attrs%d' % attrs] = per
    # attributes added one at a time to the same object outside __init__
    ns, loop_line = compile_probe('C()', '\nclass C:\n    pass\n')
    warm = [ns['C']() for _ in range(60)]
    o = ns['C']()
    per = []
    for k in range(12):
        gc.collect()
        tracemalloc.clear_traces()
        exec(compile('o.x%d = 1' % k, '<probe>', 'exec'), {'o': o})
        snap = tracemalloc.take_snapshot()
        per.append(sorted([t.size for t in snap.traces if t.traceback[0].filename == '<probe>'], reverse=True))
    series['inst.setattr.sequence'] = per
    # a warm class whose instances set K attributes in __init__; one more
    # attribute on a late instance (3.11+: no shared-keys room left)
    for attrs in (0, 1, 3, 4, 5, 9, 10, 20, 21):
        body = ''.join('        self.a%d = %d\n' % (x, x) for x in range(attrs))
        ns, loop_line = compile_probe('C()', '\nclass C:\n    def __init__(self):\n' + (body or '        pass\n'))
        warm = [ns['C']() for _ in range(60)]
        o = ns['C']()
        per = []
        for k in range(3):
            gc.collect()
            tracemalloc.clear_traces()
            exec(compile('o.x%d = 1' % k, '<probe>', 'exec'), {'o': o})
            snap = tracemalloc.take_snapshot()
            per.append(sorted([t.size for t in snap.traces if t.traceback[0].filename == '<probe>'], reverse=True))
        series['inst.extraattr.attrs%d' % attrs] = per
        sizeof['inst.extraattr.dict.attrs%d' % attrs] = sys.getsizeof(vars(o))
    measure('inst.empty', 'Obj()', obj_block=None)
    measure('slots.0', 'Slots0()', obj_block=32)
    measure('slots.2', 'Slots2()', obj_block=48)
    measure('slots.5', 'Slots5()', obj_block=72)
    measure('slots.weakref', 'SlotsW()')
    measure('inst.subclass', 'Sub()')

    # ---- classes ---------------------------------------------------------------------
    measure('class.empty', "type('E', (), {})", n=200)
    measure('class.slots', "type('E', (), {'__slots__': ()})", n=200)
    sizeof['class.stmt'] = sys.getsizeof(compile_probe('0')[0]['Obj'])

    # ---- functions and friends --------------------------------------------------------
    measure('function.lambda', 'lambda: None', obj_block=None)
    measure('function.closure', 'make_closure(i)')
    measure('function.def', 'identity.__class__(identity.__code__, G)', extra='\nG = {}\n')
    ns, _ = compile_probe('0')
    sizeof['cell'] = sys.getsizeof(ns['make_closure'](1).__closure__[0])
    idoffset['cell'] = sizeof['cell'] - ns['make_closure'](1).__closure__[0].__sizeof__()
    isgc['cell'] = bool(type(ns['make_closure'](1).__closure__[0]).__flags__ & (1 << 14))
    measure('method.bound', 'I[0].m', init=lambda ns: [ns['WithMethod']()])
    measure('method.builtin', 'I[0].append', init=lambda ns: [[]])
    measure('module', "types.ModuleType('m')")
    measure('range', 'range(i)', obj_block=48)
    measure('slice', 'slice(i, None)')
    for nm, expr, init in [
        ('iter.list', 'iter(I[0])', lambda ns: [[1, 2]]),
        ('iter.tuple', 'iter(I[0])', lambda ns: [(1, 2)]),
        ('iter.range', 'iter(I[0])', lambda ns: [range(5)]),
        ('iter.longrange', 'iter(I[0])', lambda ns: [range(2**70)]),
        ('iter.str', 'iter(I[0])', lambda ns: ['ab']),
        ('iter.dictkeys', 'iter(I[0])', lambda ns: [{1: 2}]),
        ('iter.dictitems', 'iter(I[0].items())', lambda ns: [{1: 2}]),
        ('iter.set', 'iter(I[0])', lambda ns: [{1, 2}]),
        ('iter.bytes', 'iter(I[0])', lambda ns: [b'ab']),
        ('iter.reversed', 'reversed(I[0])', lambda ns: [[1, 2]]),
        ('iter.enumerate', 'enumerate(I[0])', lambda ns: [[1, 2]]),
        ('iter.zip2', 'zip(I[0], I[0])', lambda ns: [[1, 2]]),
        ('iter.map', 'map(identity, I[0])', lambda ns: [[1, 2]]),
        ('iter.filter', 'filter(identity, I[0])', lambda ns: [[1, 2]]),
        ('view.dictkeys', 'I[0].keys()', lambda ns: [{1: 2}]),
    ]:
        measure(nm, expr, init=init)
    measure('property', 'property(identity)')
    measure('staticmethod', 'staticmethod(identity)')
    measure('classmethod', 'classmethod(identity)')
    measure('super', 'super(Sub, I[0])', init=lambda ns: [ns['Sub']()])
    idoffset.pop('super', None)  # super forwards __sizeof__ to the instance
    objs_holder = {}

    def mk_objs(ns):
        return [ns['Obj']() for _ in range(N)]
    measure('weakref.ref', 'weakref.ref(I[i])', init=mk_objs)
    measure('weakref.ref_cb', 'weakref.ref(I[i], identity)', init=mk_objs)
    measure('weakref.proxy', 'weakref.proxy(I[i])', init=mk_objs)
    idoffset.pop('weakref.proxy', None)  # a proxy forwards __sizeof__ to its referent
    measure('exc.noargs', 'ValueError()')
    measure('exc.onearg', 'ValueError(i)')
    measure('exc.twoargs', 'ValueError(i, i)')
    measure('exc.base', 'Exception(i)')
    measure('exc.keyerror', 'KeyError(i)')
    measure('exc.stopiteration', 'StopIteration(i)')
    measure('exc.attributeerror', 'AttributeError(i)')
    measure('exc.raised', 'catch(i)', extra='\ndef catch(v):\n    try:\n        raise ValueError(v)\n    except ValueError as e:\n        return e\n', n=500)
    ns, _ = compile_probe('0', '\ndef catch(v):\n    try:\n        raise ValueError(v)\n    except ValueError as e:\n        return e\n')
    c = ns['catch'].__code__
    code['exc.raised'] = {'nlocals': c.co_nlocals, 'ncells': len(c.co_cellvars), 'nfree': len(c.co_freevars),
                          'stacksize': c.co_stacksize, 'nargs': c.co_argcount}
    tb = ns['catch'](1).__traceback__
    sizeof['traceback'] = sys.getsizeof(tb)
    idoffset['traceback'] = sizeof['traceback'] - tb.__sizeof__()
    isgc['traceback'] = bool(type(tb).__flags__ & (1 << 14))

    # ---- generators and frames --------------------------------------------------------
    for nm, expr in [('gen.gen0', 'gen0()'), ('gen.locals', 'gen_locals(i, i, i)'),
                     ('gen.deep', 'gen_deep(i)'), ('gen.cell', 'gen_cell(i)'),
                     ('gen.genexp', '(x for x in I[0])')]:
        init = (lambda ns: [[1, 2]]) if nm == 'gen.genexp' else None
        keep = measure(nm, expr, init=init)
        g = keep[-1]
        c = g.gi_code
        code[nm] = {
            'nlocals': c.co_nlocals, 'ncells': len(c.co_cellvars), 'nfree': len(c.co_freevars),
            'stacksize': c.co_stacksize, 'nargs': c.co_argcount,
        }
        if g.gi_frame is not None:
            sizeof[nm + '.frame'] = sys.getsizeof(g.gi_frame)
    # frame object of a running function (3.11+: materialised on demand)
    measure('frame.getframe', 'getf(i)', extra='\ndef getf(a):\n    b = a\n    return sys._getframe()\n', n=500)
    ns, _ = compile_probe('0', '\ndef getf(a):\n    b = a\n    return sys._getframe()\n')
    c = ns['getf'].__code__
    code['frame.getframe'] = {'nlocals': c.co_nlocals, 'ncells': len(c.co_cellvars), 'nfree': len(c.co_freevars),
                              'stacksize': c.co_stacksize, 'nargs': c.co_argcount}

    print(json.dumps({
        'version': '%d.%d' % V,
        'patch': '%d.%d.%d' % sys.version_info[:3],
        'sizeof': sizeof, 'blocks': blocks, 'idoffset': idoffset, 'poolofs': poolofs,
        'isgc': isgc, 'series': series, 'code': code,
    }, indent=1, sort_keys=True))


def run_all():
    root = subprocess.run(['pyenv', 'root'], capture_output=True, text=True).stdout.strip()
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, '..', 'Tests', 'HeapModelTests', 'Fixtures')
    for patch in ('3.8.18', '3.9.18', '3.10.13', '3.11.7', '3.12.1', '3.13.0'):
        exe = os.path.join(root, 'versions', patch, 'bin', 'python3')
        if not os.path.exists(exe):
            print('skip', patch, file=sys.stderr)
            continue
        env = dict(os.environ, PYTHONHASHSEED='0', PYTHONBREAKPOINT='0')
        res = subprocess.run([exe, os.path.abspath(__file__)], capture_output=True, text=True, env=env, check=True)
        minor = '.'.join(patch.split('.')[:2])
        with open(os.path.join(out, 'layouts-%s.json' % minor), 'w') as f:
            f.write(res.stdout)
        print('wrote', minor, file=sys.stderr)


if __name__ == '__main__':
    if '--all' in sys.argv:
        run_all()
    else:
        main()
