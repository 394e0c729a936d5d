"""Super-linear text inputs: each case's generator at a size where it once took seconds, run as
``load + audit`` in a fresh process; prints seconds per case (docs/security.md, docs/benchmarks.md).

    python benchmarks/hostile_text.py [CASE ...]     (TIMEOUT=60 by default)

Found by a probe of every parse, link and check path (issue 15); all are fixed, and
tests/test_hostile_text.py checks in CI that each stays under 5 s and grows linearly. Figures
before and after are in docs/benchmarks.md ("Hostile input").
"""

import os
import subprocess
import sys
import tempfile

EN = "# Title\n\nAbstract: We study a problem.\n\nKeywords: test\n\n## 1 Introduction\n\n"
ZH = "# 标题\n\n摘要：本文研究了某问题。\n\n关键词：测试\n\n## 1 引言\n\n"
EN_REFS = ("\n\n## References\n\nSmith, J., & Jones, K. (2020). A study. Journal of Tests, 5(2), 1-10.\n"
           "Brown, A. (2019). Another study. Journal of Tests, 4(1), 11-20.\nLee, C. (2018). Third. Journal of Tests, 3(1), 1-5.\n")
NUM_REFS = ("\n\n## References\n\n[1] Smith J, Jones K. A study[J]. Journal of Tests, 2020, 5(2): 1-10.\n"
            "[2] Brown A. Another[J]. Journal of Tests, 2019, 4(1): 11-20.\n[3] Lee C. Third[J]. Journal of Tests, 2018, 3(1): 1-5.\n")
ZH_REFS = ("\n\n## 参考文献\n\n[1] 张三, 李四. 某研究[J]. 经济研究, 2020, 55(3): 1-10.\n[2] 王五. 某书[M]. 北京: 人民出版社, 2019.\n"
           "[3] 赵六, 孙七. 另一研究[J]. 管理世界, 2021, 37(2): 20-30.\n")
TEX = "\\documentclass{article}\n\\begin{document}\n\\section{Intro}\n"
BIB = "@article{k1, author={Smith, John}, title={A study}, journal={J}, year={2020}}\n"
def en(body: str, refs: str = EN_REFS) -> dict[str, str]:
    return {"main.md": EN + body + "\n" + refs}


def zh(body: str, refs: str = ZH_REFS) -> dict[str, str]:
    return {"main.md": ZH + body + "\n" + refs}
def nm(i):  # letters-only distinct names: aaaa, baaa, ...
    return "".join("abcdefghijklmnopqrstuvwxyz"[(i // 26 ** k) % 26] for k in range(4))
def zref(entry): return zh("张三[1]。", "\n\n## 参考文献\n\n" + entry + "\n[2] 王五. 某书[M]. 北京: 人民出版社, 2019.\n[3] 赵六. 另一研究[J]. 管理世界, 2021, 37(2): 20-30.\n")
CASES = {
 # exponential regexes (time x2-4 per extra unit)
 "zh_authors_exp":   (lambda n: zh("研究表明（" + "张三和" * n + "x，2020）。"), 22, ".md"),
 "en_authors_exp":   (lambda n: en("As shown (" + "Smith, " * n + "x, 2020)."), 22, ".md"),
 "en_narrative_exp": (lambda n: en("As shown by " + "Smith & " * n + "(2020)."), 22, ".md"),
 "years_part_exp":   (lambda n: en("As shown (Smith, 2020, " + " 2020 ," * n + "x)."), 18, ".md"),
 "years_only_exp":   (lambda n: en("As shown by Smith (" + "2020, " * n + "x)."), 20, ".md"),
 "given_first_exp":  (lambda n: {"main.tex": TEX + "\\cite{k1}\n\\bibliography{refs}\n\\end{document}\n",
                                 "refs.bib": "@article{k1, author={" + "Ab " * n + "x}, title={A}, journal={J}, year={2020}}\n"}, 22, ".tex"),
 # polynomial regexes on whitespace / opener runs
 "part_spaces":      (lambda n: en("(Smith" + " " * n + "2020 x)"), 800, ".md"),
 "journal_ws":       (lambda n: zref("[1] 张三. 题名[J]. 刊名, 2020" + " " * n + "x."), 150, ".md"),
 "year_only_ws":     (lambda n: zref("[1] 张三. 题名[M]. 2020" + " " * n + "x."), 1000, ".md"),
 "heading_ws_lines": (lambda n: en("Intro text.\n\n" + ("  " * 200 + "x\n") * n), 5, ".md"),
 "end_re_ws":        (lambda n: en("Smith [1].", NUM_REFS + " " * n + "x\n[4] Lee C. Fourth[J]. J, 2018, 3(1): 1-5.\n"), 8000, ".md"),
 "inline_label_ws":  (lambda n: en("Smith [1].", "\n\n## References\n\n[1] Smith J. A study[J]. J, 2020, 5: 1-10." + " " * n
                                   + "x\n[2] Brown A. Another[J]. J, 2019, 4(1): 11-20.\n[3] Lee C. Third[J]. J, 2018, 3(1): 1-5.\n"), 8000, ".md"),
 "runin_heading_ws": (lambda n: zh(("研究。" + " " * 19990 + "x参考文献\n\n") * n), 2, ".md"),
 "work_id_dashes":   (lambda n: en("Intro.\n\n1. " + "a-" * n + "\n2. b 2020\n3. c 2020\n"), 16000, ".md"),
 "title_ws":         (lambda n: {"main.md": "# Title" + " " * n + "x\n\nAbstract: We study.\n\nKeywords: test\n\n## 1 Intro\n\nText (Smith, 2020).\n" + EN_REFS}, 16000, ".md"),
 "keywords_ws":      (lambda n: {"main.md": "# Title\n\nAbstract: We study.\n\nKeywords: a" + " " * n + "x\n\n## 1 Intro\n\nText (Smith, 2020).\n" + EN_REFS}, 32000, ".md"),
 "tex_citeopt_open": (lambda n: {"main.tex": TEX + "x " + "\\cite[" * n + "\n\\cite{k1}\n\\bibliography{refs}\n\\end{document}\n", "refs.bib": BIB}, 16000, ".tex"),
 "tex_cite_open":    (lambda n: {"main.tex": TEX + "x " + "\\cite{" * n + "\n\nnext }\n\\cite{k1}\n\\bibliography{refs}\n\\end{document}\n", "refs.bib": BIB}, 16000, ".tex"),
 "tex_verbatim_open":(lambda n: {"main.tex": TEX + "\\begin{verbatim}\n" * n + "\\cite{k1}\n\\bibliography{refs}\n\\end{document}\n", "refs.bib": BIB}, 8000, ".tex"),
 "tex_bib_open":     (lambda n: {"main.tex": TEX + "\\cite{k1}\n" + "\\bibliography{" * n, "refs.bib": BIB}, 16000, ".tex"),
 "tex_input_open":   (lambda n: {"main.tex": TEX + "\\cite{k1}\n" + "\\input{" * n, "refs.bib": BIB}, 16000, ".tex"),
 "md_fence_open":    (lambda n: {"main.md": "---\nbibliography: refs.bib\n---\n\n" + EN + "[@k1]\n\n" + "```a\n" * n, "refs.bib": BIB}, 16000, ".md"),
 "host_dots":        (lambda n: zref("[1] 张三. 题名[C]// " + "a. " * n + "x"), 8000, ".md"),
 # quadratic Python loops / amplification
 "num_range_amplify":(lambda n: en("As shown [" + ",".join("1-200" for _ in range(n)) + "].", NUM_REFS), 2048, ".md"),
 "math_spans":       (lambda n: en("$x$ [1] " * n, NUM_REFS), 4000, ".md"),
 "pandoc_narrative": (lambda n: {"main.md": "---\nbibliography: refs.bib\n---\n\n" + EN + "[@k1] @k1 " * n + "\n", "refs.bib": BIB}, 8000, ".md"),
 "bib_dup_keys":     (lambda n: {"main.tex": TEX + "".join(f"\\cite{{k{i}}}\n\n" for i in range(n)) + "\\bibliography{refs}\n\\end{document}\n",
                                 "refs.bib": "".join(f"@article{{k{i}, author={{Smith{nm(i)}, John}}, title={{A study {i}}}, journal={{J}}, year={{2020}}}}\n" for i in range(n)) * 2}, 4000, ".tex"),
 "link_same_author": (lambda n: en("As shown (Smith, 2020).\n\n" * n, "\n\n## References\n\n" + "".join(
                        f"Smith, J. (2020). Title number {nm(i)} here. Journal of Tests, 5(2), 1-10.\n" for i in range(n))), 1000, ".md"),
 "link_unknown_year":(lambda n: en("".join(f"(Qq{nm(i)}, 2020).\n\n" for i in range(n)), "\n\n## References\n\n" + "".join(
                        f"Au{nm(i)}, J. (2020). Title number {nm(i)} here. Journal of Tests, 5(2), 1-10.\n" for i in range(n))), 2000, ".md"),
 "link_zh_romanised":(lambda n: zh("".join(f"（王{chr(0x4e00 + (i * 7919) % 20000)}{chr(0x4e00 + (i * 104729) % 20000)}，2020）。" for i in range(n)),
                        "\n\n## 参考文献\n\n" + "".join(f"WANG {chr(65 + i % 26)}. Title {i}[J]. Journal, 2020, 5(2): 1-10.\n" for i in range(n))), 2000, ".md"),
 # an unmatched cited name looked for in every entry's text (checks/evidence.py), the text full of
 # near misses of it ("Ma" in "Materials"): bounded by the citations x entries weighed (MAX_WEIGHED)
 "absent_named":     (lambda n: en("".join(f"(Ma, {1900 + i % 100}); (Qq{nm(i)}, 2020).\n\n" for i in range(n)), "\n\n## References\n\n" + "".join(
                        f"Au{nm(i)}, J., & Ma, K. (2020). {'Materials Ma-made ' * 20}. Journal of Tests, 5(2), 1-10.\n" for i in range(n))), 350, ".md"),
 "cited_alike":      (lambda n: en("".join(f"(Sm{nm(i)} et al., 2020).\n\n" for i in range(n)), "\n\n## References\n\n" + "".join(
                        f"Sm{nm(i)}, J., Jones, K., & Lee, C. (2020). Title {nm(i)} a. J, 5, 1-10.\n"
                        f"Sm{nm(i)}, J., Brown, K., & Lee, C. (2020). Title {nm(i)} b. J, 5, 1-10.\n" for i in range(n))), 4000, ".md"),
 "name_near_entry":  (lambda n: zh("".join(f"李四[{1 + i % 900}]。" for i in range(n)), "\n\n## 参考文献\n\n" + "".join(
                        f"[{i}] 张三. 研究{i}[J]. 经济研究, 2020, 55(3): 1-10.\n" for i in range(1, n + 1)) + f"[{n + 1}] 李四. 某研究[J]. 经济研究, 2020, 55(3): 1-10.\n"), 4000, ".md"),
}
CHILD = ("import sys,time; sys.path.insert(0, sys.argv[2]) if len(sys.argv) > 2 else None\n"
         "from citeguard.api import load_with_source; from citeguard.checks import audit\n"
         "t=time.perf_counter(); s,d=load_with_source(sys.argv[1]); audit(d); print(round(time.perf_counter()-t,3))")
if __name__ == "__main__":
    py = os.environ.get("PY", sys.executable)
    for name, (gen, n, ext) in CASES.items():
        if sys.argv[1:] and name not in sys.argv[1:]:
            continue
        with tempfile.TemporaryDirectory() as d:
            for fn, text in gen(n).items():
                with open(os.path.join(d, fn), "w", encoding="utf-8") as handle:
                    handle.write(text)
            args = [py, "-c", CHILD, os.path.join(d, "main" + ext)] + ([os.environ["SNAP"]] if "SNAP" in os.environ else [])
            try:
                r = subprocess.run(args, capture_output=True, text=True, timeout=float(os.environ.get("TIMEOUT", "60")))
                print(f"{name:20s} n={n:<6d} {r.stdout.strip() or r.stderr.strip().splitlines()[-1]}", flush=True)
            except subprocess.TimeoutExpired:
                print(f"{name:20s} n={n:<6d} TIMEOUT", flush=True)
