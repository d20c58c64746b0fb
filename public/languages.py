"""The languages of the public pages.

German is the binding language (§ 23 VwVfG); the others are information. Each language names
itself in the switcher, has its BCP 47 tag for `lang` and `hreflang`, a direction, and the Django
catalogue its interface texts come from (locale/<catalogue>/). Leichte Sprache is German in easy
words: its own pages and texts, German interface, tagged de-x-ls where a tag must tell it apart.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str  # in addresses (/info/<code>/…) and in the database
    tag: str  # BCP 47, for lang=""
    name: str  # in itself, for the switcher
    catalogue: str  # Django language of the interface texts
    rtl: bool = False
    hreflang: str = ""  # where it differs from the tag

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def link_tag(self) -> str:
        return self.hreflang or self.tag

    @property
    def is_german(self) -> bool:
        return self.code == GERMAN


GERMAN = "de"
EASY = "leichte-sprache"

LANGUAGES = [
    Language(GERMAN, "de", "Deutsch", "de"),
    Language(EASY, "de", "Leichte Sprache", "de", hreflang="de-x-ls"),
    Language("en", "en", "English", "en"),
    Language("tr", "tr", "Türkçe", "tr"),
    Language("uk", "uk", "Українська", "uk"),
    Language("ar", "ar", "العربية", "ar", rtl=True),
    Language("ro", "ro", "Română", "ro"),
    Language("ru", "ru", "Русский", "ru"),
    Language("fa", "fa", "فارسی", "fa", rtl=True),
]
BY_CODE = {language.code: language for language in LANGUAGES}
# Languages a public text is translated into (everything but the binding German).
TRANSLATED = [language for language in LANGUAGES if not language.is_german]
TRANSLATION_CHOICES = [(language.code, language.name) for language in TRANSLATED]
# Names in German for the editors' pages.
GERMAN_NAMES = {
    EASY: _("Easy language"),
    "en": _("English"),
    "tr": _("Turkish"),
    "uk": _("Ukrainian"),
    "ar": _("Arabic"),
    "ro": _("Romanian"),
    "ru": _("Russian"),
    "fa": _("Farsi"),
}


def get(code: str | None) -> Language | None:
    return BY_CODE.get(code or GERMAN)
