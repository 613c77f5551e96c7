"""One long synthetic article: a headline, a dateline, then body paragraphs until the size is reached.

Every few paragraphs one reports a call or a meeting between two foreign ministers in office
on the article's date, and a statement; the others are prose about the topics, as in a long
report. The paragraphs differ (names, places, topics), so extraction does real work throughout. With --one-line the paragraphs are joined by spaces (no newline at
all), the shape that defeats line-based segmentation. Nothing here is used by the tool itself.

    python benchmarks/long_article.py 5000000 /tmp/long-5mb.txt [--language en] [--one-line]
"""
from __future__ import annotations

import argparse
import random
from datetime import date
from pathlib import Path

from corpus import DATELINE, MEETING, PHONE, PLACES, STATEMENT, TOPICS, _human_date, _ministers

from extract import gazetteer

PUBLISHED = date(2024, 3, 1)
# Prose paragraphs between two contact paragraphs: about one contact per 1.5 kB, like a news report.
FILLER_PARAGRAPHS = 6
FILLER = {"en": "Officials said the discussions on {t1} would continue next month, and that {t2} remained a "
                "priority for the governments of the region, according to a statement issued after the session.",
          "ar": "وقال مسؤولون إن المناقشات حول {t1} ستتواصل الشهر المقبل، وإن {t2} تبقى أولوية لحكومات المنطقة، "
                "بحسب بيان صدر بعد الجلسة.",
          "fa": "مقامات گفتند گفت‌وگوها درباره {t1} ماه آینده ادامه خواهد یافت و {t2} همچنان اولویت دولت‌های منطقه است.",
          "ru": "Официальные лица заявили, что обсуждение темы {t1} продолжится в следующем месяце, а {t2} "
                "остается приоритетом для правительств региона."}


def long_article(size: int, language: str = "en", *, one_line: bool = False, seed: int = 7) -> str:
    rng = random.Random(seed)
    g = gazetteer.load()
    ministers = _ministers(g, PUBLISHED)
    day = _human_date(PUBLISHED, language)
    parts = [f"Foreign ministers meet ({size} bytes)", DATELINE[language].format(d=day)]
    length = sum(len(p) + 1 for p in parts)
    while length < size:
        a, b = (p.label(language) or p.label("en") for p in rng.sample(ministers, 2))
        t1, t2 = rng.sample(TOPICS[language], 2)
        place = g.places[rng.choice(PLACES)]
        where = place.names.get(language, place.names["en"])[0]
        template = PHONE if rng.random() < 0.5 else MEETING
        paragraph = (template[language].format(a=a, b=b, t1=t1, t2=t2, place=where, day=day) + " "
                     + STATEMENT[language].format(a=a, t1=rng.choice(TOPICS[language])))
        for _ in range(FILLER_PARAGRAPHS):
            t1, t2 = rng.sample(TOPICS[language], 2)
            paragraph += "\n" + FILLER[language].format(t1=t1, t2=t2)
        parts.append(paragraph)
        length += len(paragraph.encode("utf-8")) + 1
    text = "\n".join(parts)
    return (text.replace("\n", " ") if one_line else text)[:size] + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="bytes (UTF-8) of the article")
    parser.add_argument("target", type=Path)
    parser.add_argument("--language", default="en", choices=sorted(TOPICS))
    parser.add_argument("--one-line", action="store_true", help="no newlines: one paragraph of the whole size")
    args = parser.parse_args()
    args.target.write_text(long_article(args.size, args.language, one_line=args.one_line), encoding="utf-8")


if __name__ == "__main__":
    main()
