"""Places named in scripts without capitals meet the keys of their Latin spellings."""

import pytest

from newsweave.extract.entities import find_entities


def keys(text: str, lang: str) -> set[str]:
    return {e.key for e in find_entities(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("朝鲜昨天在平壤附近试射了一枚导弹。", "zh"),
        ("北韓昨天在平壤附近試射了一枚飛彈。", "zh"),
        ("北朝鮮は昨日、平壌の近くでミサイルを発射した。", "ja"),
        ("북한은 어제 평양 근처에서 미사일을 발사했다.", "ko"),
        ("أطلقت كوريا الشمالية صاروخا قرب بيونغ يانغ أمس.", "ar"),
        ("North Korea fired a missile near Pyongyang yesterday.", "en"),
    ],
)
def test_north_korea_and_pyongyang_in_every_script(text: str, lang: str) -> None:
    assert {"place:KP", "place:city:pyongyang"} <= keys(text, lang)


def test_names_behind_attached_particles_and_before_punctuation() -> None:
    # "and in Egypt ... in Cairo," (Arabic); "and in Egypt" (Hebrew): particles written onto the name.
    assert {"place:EG", "place:city:cairo"} <= keys("وبمصر قال مسؤول في القاهرة، أمس", "ar")
    assert "place:EG" in keys("הנשיא ביקר ובמצרים", "he")


def test_common_words_are_not_places() -> None:
    # "the new city" (Arabic, not Medina); "an agent" (not "and Kiel"); a hamburger (not Hamburg).
    assert keys("افتتحت المدينة الجديدة وكيل الوزارة", "ar") == set()
    assert keys("他午饭吃了一个汉堡。", "zh") == set()


def test_a_chinese_and_an_english_report_share_their_places() -> None:
    chinese = keys("俄罗斯总统在莫斯科会见了印度总理。", "zh")
    english = keys("Russia's president met India's prime minister in Moscow.", "en")
    assert chinese & english == {"place:RU", "place:IN", "place:city:moscow"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The United Nations and the European Union met.", "en"),
        ("联合国和欧盟举行会议。", "zh"),
        ("اجتمعت الأمم المتحدة والاتحاد الأوروبي", "ar"),
        ("ONZ i Unia Europejska spotkały się.", "pl"),
    ],
)
def test_the_un_and_the_eu_are_organisations_in_every_script(text: str, lang: str) -> None:
    found = {(e.kind, e.key) for e in find_entities(text, lang)}
    assert {("org", "org:un"), ("org", "org:eu")} <= found
