"""Chinese names in pinyin without pypinyin's phrase dictionary (issue 21: start-up time): the
readings names take, every reading of a polyphonic character where names are compared."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from citeguard.parse.hanname import name_spellings, pinyin_name, pinyin_sort_key


@pytest.mark.parametrize(("name", "reading"), [
    ("王晓明", ("wang", "xiaoming")),
    ("曾文", ("zeng", "wen")),  # a surname read unlike its character
    ("欧阳修", ("ouyang", "xiu")),
    ("邓长春", ("deng", "changchun")),  # 长 in a given name: cháng (the phrase dictionary's 长春), not zhǎng
    ("罗朝晖", ("luo", "zhaohui")),  # 朝 in a given name: zhāo
])
def test_pinyin_name(name: str, reading: tuple[str, str]) -> None:
    assert pinyin_name(name) == reading


@pytest.mark.parametrize(("name", "written"), [
    ("王朝阳", "zhaoyang"), ("王朝阳", "chaoyang"), ("李重阳", "chongyang"), ("李重阳", "zhongyang"),
])
def test_every_reading_of_a_polyphonic_given_name_is_a_spelling(name: str, written: str) -> None:
    assert written in name_spellings(name)[1]


def test_given_names_sort_syllable_by_syllable() -> None:
    assert pinyin_sort_key("王渝陵") < pinyin_sort_key("王跃生")


def test_the_phrase_dictionary_is_never_loaded() -> None:
    code = ("import os, sys\nfrom citeguard.parse.hanname import pinyin_name\npinyin_name('邓长春')\n"
            "assert 'pypinyin' in sys.modules, 'pypinyin was not used'\n"
            "assert 'pypinyin.phrases_dict' not in sys.modules, 'the phrase dictionary was loaded'\n"
            "assert 'PYPINYIN_NO_PHRASES' not in os.environ, 'the environment was left changed'\n")
    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
