#!/usr/bin/env python3
"""The layering test: no source folder includes a folder below it.

The layers, top (most basic) first; a file may include headers of its own
folder and of folders earlier in this list, never later ones. Sibling
layers (gtp/ and gtp/client/) are ordered too: the client may use the
server's folder, not the other way round. No production file includes
tests/. Every folder under the source tree that holds C++ files must be
listed, so a new folder cannot escape the check.

Usage: layering_test.py REPO_ROOT   (exits 1 and lists every violation)
       layering_test.py --self-test  (checks the checker on a made-up tree)
"""
import os
import re
import sys
import tempfile

LAYERS = [
    'base', 'engine', 'policy', 'search', 'gtp', 'gtp/client', 'train', 'match', 'selfplay',
    'eval/report', 'eval', 'app',
]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
NOT_SOURCE = {'tests', 'docs', 'scripts', 'cmake', '.git', '.ci'}


def layer_of(path):
    """The layer a repository path belongs to (longest prefix), or None."""
    best = None
    for layer in LAYERS:
        if path == layer or path.startswith(layer + '/'):
            if best is None or len(layer) > len(best):
                best = layer
    return best


def source_files(root):
    """Repository paths of the C++ files outside tests/, docs/ and build folders."""
    for folder, dirs, files in os.walk(root):
        relative = os.path.relpath(folder, root)
        top = relative.split(os.sep)[0]
        if top in NOT_SOURCE or top.startswith('build'):
            dirs[:] = []
            continue
        for name in files:
            if name.endswith(('.h', '.cc')):
                yield os.path.normpath(os.path.join(relative, name)).replace(os.sep, '/')


def violations(root):
    """One line per include that breaks the layer order."""
    found = []
    for path in sorted(source_files(root)):
        own = layer_of(path)
        if own is None:
            found.append(f'{path}: its folder is not a layer (add it to LAYERS in order)')
            continue
        with open(os.path.join(root, path), encoding='utf-8') as f:
            text = f.read()
        for included in INCLUDE.findall(text):
            if included.startswith('tests/'):
                found.append(f'{path}: includes test code "{included}"')
                continue
            theirs = layer_of(included)
            if theirs is None:
                continue  # a library's header (absl/, gtest/, torch/...)
            if LAYERS.index(theirs) > LAYERS.index(own):
                found.append(f'{path} ({own}/) includes "{included}" from {theirs}/, '
                             f'a layer below it')
    return found


def self_test():
    """The checker finds an upward include, test code and an unknown folder."""
    files = {
        'base/ok.h': '#include "base/other.h"\n#include <vector>\n#include "absl/status/status.h"\n',
        'engine/board.cc': '#include "base/ok.h"\n#include "engine/board.h"\n',
        'engine/bad.cc': '#include "policy/model.h"\n',
        'gtp/server.cc': '#include "gtp/client/gtp_client.h"\n',
        'gtp/client/client.cc': '#include "gtp/server.h"\n',
        'policy/uses_tests.cc': '#include "tests/support/diagram.h"\n',
        'newfolder/x.cc': '\n',
        'tests/engine/t.cc': '#include "app/commands.h"\n',
    }
    with tempfile.TemporaryDirectory() as root:
        for path, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
            with open(os.path.join(root, path), 'w') as f:
                f.write(text)
        found = violations(root)
    expected = ['engine/bad.cc', 'gtp/server.cc', 'newfolder/x.cc', 'policy/uses_tests.cc']
    reported = sorted(problem.split(' ')[0].rstrip(':') for problem in found)
    if reported != expected:
        print('layering self-test: expected violations in', expected, 'got', found)
        return 1
    print('layering self-test: the checker reports all', len(expected), 'planted violations')
    return 0


def main():
    if sys.argv[1:] == ['--self-test']:
        return self_test()
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
    problems = violations(root)
    checked = sum(1 for _ in source_files(root))
    for problem in problems:
        print(problem)
    if problems:
        print(f'layering: {len(problems)} violation(s) in {checked} files')
        return 1
    if checked == 0:
        print('layering: no source files found under', root)
        return 1
    print(f'layering: {checked} files include only their own layer and the layers above')
    return 0


if __name__ == '__main__':
    sys.exit(main())
