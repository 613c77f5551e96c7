#!/usr/bin/env python3
"""Sanity checks for tests/gold/gold.json (no project code needed).

  python tests/gold/validate_gold.py [--gold tests/gold/gold.json] [--articles tests/gold/articles]

Checks: the JSON parses; every article named exists; every person key used in
pairs, initiators, optional pairs, statements and same_event is in `persons`;
topics are core topics; dates are ISO dates (or null); types are phone|meeting;
no name fragment of one person is a substring of another person's fragment
(the scorer takes the first key whose fragment occurs in a label).
"""
import argparse
import datetime
import json
import os
import re
import sys
import unicodedata

_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه",
    "ک": "ك", "گ": "ك", "ؤ": "و", "ـ": None, "\u200c": None, "\u200d": None,
    "ё": "е", "ї": "и", "й": "и",
})


def fold(text):
    text = unicodedata.normalize("NFKD", str(text).lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s\-_.'’‘`\"«»]+", "", text.translate(_FOLD))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default=os.path.join(here, "gold.json"))
    ap.add_argument("--articles", default=os.path.join(here, "articles"))
    args = ap.parse_args()
    gold = json.load(open(args.gold, encoding="utf-8"))
    persons, core = gold["persons"], set(gold["core_topics"])
    errors = []

    def person(key, where, star=False):
        if not (star and key == "*") and key not in persons:
            errors.append(f"{where}: unknown person key {key!r}")

    for name, art in gold["articles"].items():
        if not os.path.isfile(os.path.join(args.articles, name)):
            errors.append(f"{name}: file missing")
        for i in art["interactions"]:
            for k in i["pair"]:
                person(k, name)
            if len(set(i["pair"])) != 2:
                errors.append(f"{name}: bad pair {i['pair']}")
            if i["type"] not in ("phone", "meeting"):
                errors.append(f"{name}: bad type {i['type']}")
            if not i["dates"]:
                errors.append(f"{name}: empty dates list")
            for d in i["dates"]:
                if d is not None:
                    try:
                        datetime.date.fromisoformat(d)
                    except ValueError:
                        errors.append(f"{name}: bad date {d!r}")
            if "initiator" in i and i["initiator"] not in i["pair"]:
                errors.append(f"{name}: initiator not in pair")
        for p in art["optional_pairs"]:
            for k in p:
                person(k, name, star=True)
        for kind in ("statements", "optional_statements"):
            for speaker, topic in art[kind]:
                person(speaker, name, star=(kind == "optional_statements"))
                if topic not in core:
                    errors.append(f"{name}: topic {topic!r} not a core topic")
    for ev in gold.get("same_event", []):
        for a in ev["articles"]:
            if a not in gold["articles"]:
                errors.append(f"same_event: {a} not in articles")
        for k in ev["pair"]:
            person(k, "same_event")
    folded = {k: [fold(f) for f in v] for k, v in persons.items()}
    order = list(folded)
    for a, fa in folded.items():
        for b, fb in folded.items():
            # only harmful when a comes first: a label of b would be taken as a
            if a != b and order.index(a) < order.index(b):
                for x in fa:
                    for y in fb:
                        if x and x in y:
                            errors.append(f"fragment {x!r} of {a} occurs in {y!r} of {b}")
    for e in errors:
        print("ERROR", e)
    n = len(gold["articles"])
    print(f"{n} articles, {sum(len(a['interactions']) for a in gold['articles'].values())} interactions, "
          f"{sum(len(a['statements']) for a in gold['articles'].values())} statements, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
