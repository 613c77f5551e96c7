"""Dates and digits in the page's language and calendar: Solar Hijri and Persian digits on a Persian page,
Arabic-Indic digits on an Arabic one, and date inputs that read and write them. Real headless Chromium."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from browser_helpers import ViewPage, browser, open_view  # noqa: F401
from persiantools.jdatetime import JalaliDate

from exports.cli import main

ROOT = Path(__file__).resolve().parents[1]
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC = set("٠١٢٣٤٥٦٧٨٩")


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    built = tmp_path_factory.mktemp("examples")
    assert main(["build", str(ROOT / "examples" / "articles"), "--out", str(built), "-q"]) == 0
    for language in ("fa", "ar"):
        assert main(["view", str(built), "--lang", language, "--out", str(built / f"{language}.html"), "-q"]) == 0
    return built


@pytest.fixture
def persian(browser, out):  # noqa: F811
    view = open_view(browser, out / "fa.html")
    yield view
    view.close()


def _solar(day: str) -> JalaliDate:
    return JalaliDate.to_jalali(datetime.date.fromisoformat(day))


def test_the_persian_page_shows_solar_hijri_dates(persian: ViewPage):
    first = persian.js("diplograph.data.interactions.map((e) => e.date).filter(Boolean).sort()[0]")
    solar = _solar(first)
    expected = f"{solar.year:04d}/{solar.month:02d}/{solar.day:02d}".translate(PERSIAN_DIGITS)
    assert persian.js("document.getElementById('date-from').value") == expected
    pair = persian.js("""() => diplograph.edges.get().find((e) => !e.layer && e.interactions.some(
      (k) => diplograph.data.interactions[k].date))""")
    day = next(persian.js(f"diplograph.data.interactions[{k}].date") for k in pair["interactions"]
               if persian.js(f"diplograph.data.interactions[{k}].date"))
    text = persian.js(f"diplograph.showDetails('edge', {pair['id']}).textContent")
    solar = _solar(day)
    assert solar.strftime("%B", locale="fa") in text   # the Solar Hijri month, by name
    assert str(solar.year).translate(PERSIAN_DIGITS) in text and str(solar.day).translate(PERSIAN_DIGITS) in text
    assert not any(c.isdigit() and c.isascii() for c in persian.js("document.getElementById('counts').textContent"))


@pytest.mark.parametrize("typed", ["۱۴۰۳/۰۱/۰۱", "1403/1/1", "2024-03-20", "۲۰۲۴-۰۳-۲۰"])
def test_a_persian_date_input_takes_solar_hijri_and_iso_days(persian: ViewPage, typed):
    persian.page.fill("#date-from", typed)
    persian.page.locator("#date-from").dispatch_event("change")
    assert persian.js("diplograph.state.from") == "2024-03-20"   # 1 Farvardin 1403
    assert persian.js("document.getElementById('date-from').value") == "۱۴۰۳/۰۱/۰۱"
    dates = persian.js("""() => diplograph.edges.get({ filter: (e) => !e.hidden && !e.layer })
      .map((e) => e.interactions.map((k) => diplograph.data.interactions[k].date))""")
    assert dates and all(any(day is None or day >= "2024-03-20" for day in pair) for pair in dates)


def test_a_date_that_is_no_day_is_marked_and_changes_nothing(persian: ViewPage):
    before = persian.js("diplograph.state.from")
    persian.page.fill("#date-from", "۱۴۰۳/۱۳/۴۰")
    persian.page.locator("#date-from").dispatch_event("change")
    assert persian.js("diplograph.state.from") == before
    assert persian.js("document.getElementById('date-from').getAttribute('aria-invalid')") == "true"


def test_the_arabic_page_writes_arabic_indic_digits(browser, out):  # noqa: F811
    view = open_view(browser, out / "ar.html")
    counts = view.js("document.getElementById('counts').textContent")
    assert ARABIC_INDIC & set(counts) and not any(c.isascii() and c.isdigit() for c in counts)
    first = view.js("diplograph.data.interactions.map((e) => e.date).filter(Boolean).sort()[0]")
    y, m, d = first.split("-")
    assert view.js("document.getElementById('date-from').value") == f"{d}/{m}/{y}".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    view.page.fill("#date-from", "٢٠/٠٣/٢٠٢٤")
    view.page.locator("#date-from").dispatch_event("change")
    assert view.js("diplograph.state.from") == "2024-03-20"
    view.close()


# ---- the last --lang of a DIR is kept by build and remove --------------------------------------------

ANKARA = ("Talks in Ankara\nAnkara, 7 February 2024\nRussian Foreign Minister Sergey Lavrov met "
          "Turkish Foreign Minister Hakan Fidan in Ankara on Wednesday.\n")
AMMAN = ("Talks in Amman\nAmman, 3 March 2024\nJordanian Foreign Minister Ayman Safadi met "
         "Russian Foreign Minister Sergey Lavrov in Amman on Sunday.\n")


def _language_of(path: Path) -> str:
    head = path.read_text(encoding="utf-8")[:200]
    return head.split('<html lang="', 1)[1].split('"', 1)[0]


def test_build_and_remove_keep_the_last_view_language_of_a_dir(tmp_path, capsys):
    first, second = tmp_path / "ankara.txt", tmp_path / "amman.txt"
    first.write_text(ANKARA, encoding="utf-8")
    second.write_text(AMMAN, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(first), "--out", str(out), "-q"]) == 0
    assert _language_of(out / "graph.html") == "en"
    assert main(["view", str(out), "--lang", "fa", "-q"]) == 0
    assert main(["build", str(second), "--out", str(out), "-q"]) == 0
    assert _language_of(out / "graph.html") == "fa"
    assert main(["view", str(out), "--lang", "ru", "--out", str(tmp_path / "ru.html"), "-q"]) == 0   # another file: DIR keeps fa
    assert main(["remove", str(out), str(second), "-q"]) == 0
    assert _language_of(out / "graph.html") == "fa"
    assert main(["build", str(second), "--out", str(out), "--lang", "ar", "-q"]) == 0
    assert main(["remove", str(out), str(second), "-q"]) == 0
    assert _language_of(out / "graph.html") == "ar"
    assert main(["view", str(out), "-q"]) == 0
    assert _language_of(out / "graph.html") == "ar"
    capsys.readouterr()
    (out / ".view-language").write_text("klingon\n", encoding="utf-8")
    assert main(["view", str(out), "-q"]) == 0
    assert _language_of(out / "graph.html") == "en"
    said = capsys.readouterr().err
    assert ".view-language" in said and "'klingon' is not a view language" in said
