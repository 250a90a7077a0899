from walkback_desktop.audio.voices import VoiceInfo, for_language, order_voices, readable_name

ESPEAK = [
    VoiceInfo("Bishnupriya Manipuri", "bn_IN"),
    VoiceInfo("English (America)+Alex", "en_US"),
    VoiceInfo("English (Great Britain)", "en_GB"),
    VoiceInfo("English (America)", "en_US"),
    VoiceInfo("German", "de_DE"),
    VoiceInfo("German+Adam", "de_DE"),
    VoiceInfo("Bob", "C"),
]


def test_readable_names():
    assert readable_name("English (Great Britain)+Alex") == "English (Great Britain), Alex"
    assert readable_name("German") == "German"
    assert readable_name("Anne") == "Anne"


def test_the_app_language_first_plain_voices_then_variants():
    names = [v.name for v in order_voices(ESPEAK, "de", "AT")]
    assert names[:2] == ["German", "German+Adam"]
    assert names[2] == "Bishnupriya Manipuri"  # then the engine's order
    names = [v.name for v in order_voices(ESPEAK, "en", "GB")]
    assert names[:3] == ["English (Great Britain)", "English (America)", "English (America)+Alex"]


def test_filtering_by_language_ignores_unknown_locales():
    assert [v.name for v in for_language(ESPEAK, "de")] == ["German", "German+Adam"]
    assert VoiceInfo("Bob", "C").language == ""
