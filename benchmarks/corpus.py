"""Write N realistic synthetic articles in four languages and three formats, for benchmarks.

Every article is different: ministers drawn from the gazetteer (office holders
on the article's date), dates, places, topics, phone calls and meetings,
statements, "read also" blocks, tickers and page furniture. Nothing here is
used by the tool itself.

    python benchmarks/corpus.py 10000 /tmp/corpus10k [--only txt|html|jsonl]
"""
from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from extract import gazetteer

START, END = date(2015, 1, 1), date(2025, 6, 30)
TOPICS = {
    "en": ["the war in Gaza", "a ceasefire", "humanitarian aid", "the Syrian crisis", "Red Sea security",
           "bilateral relations", "economic cooperation", "the Iran nuclear program", "sanctions", "refugees"],
    "ar": ["الحرب على غزة", "وقف إطلاق النار", "المساعدات الإنسانية", "الأزمة السورية", "أمن البحر الأحمر",
           "العلاقات الثنائية", "التعاون الاقتصادي", "البرنامج النووي الإيراني", "العقوبات", "اللاجئين"],
    "fa": ["جنگ غزه", "آتش بس", "کمک‌های بشردوستانه", "بحران سوریه", "امنیت دریای سرخ",
           "روابط دوجانبه", "همکاری اقتصادی", "برنامه هسته‌ای ایران", "تحریم‌ها", "پناهجویان"],
    "ru": ["войну в секторе Газа", "прекращение огня", "гуманитарную помощь", "сирийский кризис",
           "безопасность в Красном море", "двусторонние отношения", "экономическое сотрудничество",
           "иранскую ядерную программу", "санкции", "беженцев"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    "fa": ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
           "ноября", "декабря"],
}
PHONE = {"en": "{a} spoke by phone on {day} with {b} about {t1} and {t2}.",
         "ar": "أجرى {a} اتصالا هاتفيا مع {b} يوم {day}، بحثا خلاله {t1} و{t2}.",
         "fa": "{a} روز {day} در تماس تلفنی با {b} درباره {t1} و {t2} گفت‌وگو کرد.",
         "ru": "{a} {day} провел телефонный разговор с {b}, обсудив {t1} и {t2}."}
MEETING = {"en": "{a} met {b} in {place} on {day} to discuss {t1} and {t2}.",
           "ar": "التقى {a} مع {b} في {place} يوم {day}، وبحث الجانبان {t1} و{t2}.",
           "fa": "{a} روز {day} در {place} با {b} دیدار و درباره {t1} و {t2} رایزنی کرد.",
           "ru": "{a} {day} встретился в {place} с {b} и обсудил {t1} и {t2}."}
STATEMENT = {"en": "{a} stressed the importance of {t1}, the ministry said.",
             "ar": "وأكد {a} أهمية {t1}، وفق بيان للوزارة.",
             "fa": "{a} بر اهمیت {t1} تاکید کرد.",
             "ru": "{a} подчеркнул важность темы: {t1}."}
DATELINE = {"en": "Published: {d}", "ar": "تاريخ النشر: {d}", "fa": "تاریخ انتشار: {d}", "ru": "Опубликовано: {d}"}
RELATED = {"en": "Read also:", "ar": "إقرأ أيضاً:", "fa": "مطالب مرتبط", "ru": "Читайте также:"}
FURNITURE = {"en": "This site uses cookies to improve your experience. Follow us on Telegram.",
             "ar": "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك.",
             "fa": "ارسال نظر", "ru": "Подпишитесь на наш канал в Telegram."}
PLACES = ["moscow", "cairo", "ankara", "riyadh", "doha", "tehran", "amman", "beijing", "geneva", "muscat"]


def _human_date(day: date, language: str) -> str:
    month = MONTHS[language][day.month - 1]
    return f"{month} {day.day}, {day.year}" if language == "en" else f"{day.day} {month} {day.year}"


# The gazetteer's foreign ministers and their terms, in its order, and who held the office on each day
# asked: most people never held it, and scanning them all for every article was most of the time a
# corpus took to write.
_foreign_ministers: tuple[gazetteer.Gazetteer, list[tuple[gazetteer.Person, list]], dict] | None = None


def _ministers(g: gazetteer.Gazetteer, on: date) -> list[gazetteer.Person]:
    global _foreign_ministers
    if _foreign_ministers is None or _foreign_ministers[0] is not g:
        terms = [(p, [o for o in p.offices if o.role == "foreign_minister"]) for p in g.people.values()]
        _foreign_ministers = (g, [(p, offices) for p, offices in terms if offices], {})
    _, holders, by_day = _foreign_ministers
    if on not in by_day:
        by_day[on] = [p for p, offices in holders if any(o.held_on(on) for o in offices)]
    return list(by_day[on])


def article(rng: random.Random, g: gazetteer.Gazetteer, number: int) -> tuple[str, str, date]:
    language = ("ar", "fa", "en", "ru")[number % 4]
    published = START + timedelta(days=rng.randrange((END - START).days))
    people = rng.sample(_ministers(g, published), 2)
    a, b = (p.label(language) or p.label("en") for p in people)
    t1, t2 = rng.sample(TOPICS[language], 2)
    place = g.places[rng.choice(PLACES)]
    where = place.names.get(language, place.names["en"])[0]
    day = _human_date(published, language)
    body = (PHONE if rng.random() < 0.5 else MEETING)[language].format(a=a, b=b, t1=t1, t2=t2, place=where, day=day)
    statement = STATEMENT[language].format(a=a, t1=rng.choice(TOPICS[language]))
    filler = " ".join(rng.sample(TOPICS[language], 3))
    other = rng.sample(_ministers(g, published), 2)
    related = MEETING[language].format(a=other[0].label(language) or "", b=other[1].label(language) or "",
                                       t1=t1, t2=t2, place=where, day=day)
    text = "\n".join([f"{a} / {b} #{number}", DATELINE[language].format(d=day), body, statement,
                      f"{filler} ({number}).", RELATED[language], related, FURNITURE[language]])
    return language, text, published


FORMATS = ("txt", "html", "jsonl")


def write_corpus(count: int, target: Path, seed: int = 7, only: str | None = None) -> None:
    """A third .txt, a third .html, a third in .jsonl files of 100 lines; or all of them in the `only` format."""
    rng = random.Random(seed)
    g = gazetteer.load()
    target.mkdir(parents=True, exist_ok=True)
    feed: list[str] = []
    for number in range(count):
        language, text, published = article(rng, g, number)
        kind = FORMATS.index(only) if only else number % 3
        if kind == 0:
            (target / f"{number:07d}_{language}.txt").write_text(text, encoding="utf-8")
        elif kind == 1:
            head, *rest = text.split("\n")
            paragraphs = "".join(f"<p>{line}</p>" for line in rest[:4])
            html = (f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{head}</title>'
                    f'<meta property="article:published_time" content="{published.isoformat()}"></head><body>'
                    f"<nav>Home | World | Sport</nav><article><h1>{head}</h1>{paragraphs}</article>"
                    f"<aside>{rest[5]}</aside><footer>{rest[-1]}</footer></body></html>")
            (target / f"{number:07d}_{language}.html").write_text(html, encoding="utf-8")
        else:
            feed.append(json.dumps({"id": str(number), "published": published.isoformat(), "text": text},
                                   ensure_ascii=False))
            if len(feed) == 100:
                (target / f"{number:07d}_feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
                feed = []
    if feed:
        (target / "zzzzzzz_feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=FORMATS, help="every article in this format (default: a third each)")
    args = parser.parse_args()
    write_corpus(args.count, args.target, args.seed, args.only)


if __name__ == "__main__":
    main()
