#!/usr/bin/env python3
"""The peer of the scale bench's render figure: the conclusion of tests/data/conclusion.json
typeset by Typst (the `typst` PyPI package, compiling in this process), laid out as the service
lays it out (A4, margins 20/15/20/30 mm, Liberation Serif 14 pt on an 18 pt line, 12.7 mm indents, the NĐ 30/2020 header, headings in bold, signer and
recipients). Each compile gets its own document number, so no two outputs are the same document.

    typst_conclusion.py CONCLUSION_JSON FONT_DIR RUNS OUT_PDF

prints one line: `first_ms=… median_ms=… times_ms=a,b,… bytes=… typst=…` (the first compile, which
loads the fonts, is not among the times) and writes the last PDF to OUT_PDF.
"""

import json
import statistics
import sys
import time

import typst


def lit(text):
    """A Typst string literal, so the text is never read as markup."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def source(d, number):
    year, month, day = d["date"].split("-")
    dated = f"{d['place']}, ngày {day} tháng {month} năm {year}"
    symbol = d["number"].split("/", 1)[1]
    out = [
        '#set page(paper: "a4", margin: (top: 20mm, bottom: 20mm, left: 30mm, right: 15mm),'
        ' header: context { if counter(page).get().first() > 1 { align(center, counter(page).display()) } })',
        '#set text(font: "Liberation Serif", size: 14pt, lang: "vi")',
        # Typst's leading is the gap below the cap height: 14 pt type on an 18 pt line, 6 pt between paragraphs.
        "#set par(justify: true, first-line-indent: (amount: 12.7mm, all: true), leading: 8.8pt, spacing: 14.8pt)",
        "#grid(columns: (1fr, 1.7fr), align: center + top, row-gutter: 4pt,",
        f"  [#text(size: 12pt, {lit(d['governing_body'])}) \\ #strong({lit(d['agency'])}) \\ #line(length: 30%)],",
        '  [#text(size: 12pt, strong("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) \\ '
        '#strong("Độc lập - Tự do - Hạnh phúc") \\ #line(length: 45%)],',
        f"  [Số: #{lit(f'{number:02}/{symbol}')}], [#emph({lit(dated)})],",
        ")",
        "#v(10pt)",
        f"#align(center, text(size: 14pt, strong({lit(d['type'])})))",
        f"#align(center, block(width: 85%, strong({lit(d['summary'])})))",
        "#v(8pt)",
    ]
    for b in d.get("bases", []):
        out.append(f"#par(emph({lit(b)}))")
    if d.get("intro"):
        out.append(f"#par({lit(d['intro'])})")
    paragraphs = [(True, s["heading"]) if i < 0 else (False, s["paragraphs"][i])
                  for s in d.get("sections", []) for i in range(-1, len(s["paragraphs"]))]
    # The body ends with "./." as the service's documents do.
    if paragraphs:
        bold, last = paragraphs[-1]
        paragraphs[-1] = (bold, last if last.endswith("./.") else last.rstrip(".;,:") + "./.")
    for bold, p in paragraphs:
        out.append(f"#par(strong({lit(p)}))" if bold else f"#par({lit(p)})")
    signer = d["signer"]
    recipients = " \\ ".join(f"#text(size: 11pt, {lit('- ' + r)})" for r in d.get("recipients", []))
    out += [
        "#v(12pt)",
        "#block(breakable: false, grid(columns: (1fr, 1fr), align: (left + top, center + top),",
        f"  [#text(size: 12pt, emph(strong(\"Nơi nhận:\"))) \\ {recipients}],",
        f"  [#strong({lit(signer['prefix'])}) \\ #strong({lit(signer['title'])}) #v(60pt) "
        f"#strong({lit(signer['name'])})],",
        "))",
    ]
    return "\n".join(out).encode()


def main():
    conclusion, fonts, runs, out_pdf = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open(conclusion, encoding="utf-8") as f:
        d = json.load(f)
    first = int(d["number"].split("/", 1)[0])
    t = time.perf_counter()
    compiler = typst.Compiler(source(d, first), font_paths=[fonts], ignore_system_fonts=True)
    pdf = compiler.compile(format="pdf", pdf_tags=False)
    first_ms = (time.perf_counter() - t) * 1000
    times = []
    for i in range(runs):
        src = source(d, first + 1 + i)
        t = time.perf_counter()
        pdf = compiler.compile(input=src, format="pdf", pdf_tags=False)
        times.append((time.perf_counter() - t) * 1000)
    with open(out_pdf, "wb") as f:
        f.write(pdf)
    version = getattr(typst, "__version__", "?")
    print(
        f"first_ms={first_ms:.2f} median_ms={statistics.median(times):.2f} "
        f"times_ms={','.join(f'{t:.3f}' for t in times)} bytes={len(pdf)} typst={version}"
    )


if __name__ == "__main__":
    main()
