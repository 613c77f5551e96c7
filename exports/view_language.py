"""The view's languages, and the one a folder's view was last asked for: without the view's libraries,
which load only when a page is drawn."""
from __future__ import annotations

import sys
from pathlib import Path

from extract.fileio import write_atomically

VIEW_LANGUAGES = ("en", "ar", "fa", "ru")
LANGUAGE_FILE = ".view-language"   # in DIR: the language its view was last asked for, kept by build and remove


def remembered_language(directory: Path) -> str:
    """The view language last asked for in `directory` (`--lang`), else English. A file that does not
    name one is reported on stderr and ignored: the view is still written."""
    path = directory / LANGUAGE_FILE
    try:
        language = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return "en"
    except (OSError, UnicodeDecodeError) as exc:
        print(f"diplograph: {path}: cannot read the view language ({exc}); writing the view in English", file=sys.stderr)
        return "en"
    if language not in VIEW_LANGUAGES:
        print(f"diplograph: {path}: {language[:20]!r} is not a view language ({', '.join(VIEW_LANGUAGES)}); "
              "writing the view in English", file=sys.stderr)
        return "en"
    return language


def remember_language(directory: Path, language: str) -> None:
    """Keep `language` for the next build or remove in `directory`."""
    if language not in VIEW_LANGUAGES:
        raise ValueError(f"view language {language!r} is not one of {', '.join(VIEW_LANGUAGES)}")
    directory.mkdir(parents=True, exist_ok=True)
    write_atomically(directory / LANGUAGE_FILE, f"{language}\n".encode("utf-8"))
