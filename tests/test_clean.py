import pytest

from graphkit.clean import content_blocks, is_chrome


def kept(text, enabled=True):
    return [text[b.start:b.end] for b in content_blocks(text, enabled)]


@pytest.mark.parametrize("line", [
    "Foto/AP", "Sputnik/Reuters", "Foto: Reuters", "READ  Sepertinya pasukan Ukraina bertempur",
    "Baca juga: Presiden Jokowi tiba di Seoul", "Halaman :", "Follow", "Berita Terkait",
    "Video Rekomendasi", "Rekomendasi", "Terpopuler", "Berita Terkini More",
    "Dapatkan berita terkini dan kejutan menarik dari SINDOnews.com, Klik Disini untuk mendaftar",
    "Pilihan Editor KBRI Kairo Dituding Perintahkan Deportasi WNI",
    "Temukan Berita & berita utama terbaru tentang INDONESIA. Dapatkan informasi lebih lanjut",
    "Kamis, 27 Juni 2024 - 15:25 WIB", "Oktober 10, 2024", "Review Bekasi", "REUTERS", "CNN",
    "tulis komentar anda", "Read more: Kim meets Putin", "Subscribe to our newsletter",
    "Ikuti kami di Google News", "Scroll to continue with content",
    "DailySocial.id adalah portal berita startup dan inovasi teknologi . Kamu bisa menjadi "
    "member komunitas startup dan inovasi DailySocial.id , mengunduh laporan riset",
])
def test_chrome_lines_generalise(line):
    assert is_chrome(line)


@pytest.mark.parametrize("line", [
    "Putin tiba di Pyongyang pada Rabu.",
    "“Kemenangan” untuk Kim",
    "4. Bukan Hanya Menggertak Musuh",
    "Kunjungan Putin merupakan “ancaman yang diperhitungkan”",
    "Foto-foto dari kunjungan tersebut menunjukkan empati yang tulus.",
    "Tokopedia.com adalah marketplace yang didirikan William Tanuwijaya pada 2009 .",
    "Pelaporan tambahan oleh Maria Knight.",
])
def test_content_lines_are_kept(line):
    assert not is_chrome(line)


def test_repeated_headline_kept_once_and_lines_are_boundaries():
    text = ("Putin mengunjungi Korea Utara dalam perjalanan langka\n\n"
            "Putin mengunjungi Korea Utara dalam perjalanan langka\n"
            "Judul tanpa titik\nKalimat berikutnya.")
    assert kept(text) == ["Putin mengunjungi Korea Utara dalam perjalanan langka",
                          "Judul tanpa titik", "Kalimat berikutnya."]


def test_dateline_and_site_suffix_are_trimmed():
    assert kept("TEMPO.CO, Jakarta - Hubungan akrab Putin.") == ["Hubungan akrab Putin."]
    assert kept("JAKARTA, KOMPAS.com - Presiden tiba.") == ["Presiden tiba."]
    assert kept("Kesepakatan Putin-Kim menyoroti tantangan baru | Berita Politik") == [
        "Kesepakatan Putin-Kim menyoroti tantangan baru"]


def test_cleaning_can_be_switched_off():
    text = "Foto/AP\nPutin tiba.\n\nFoto/AP"
    assert kept(text, enabled=False) == ["Foto/AP", "Putin tiba.", "Foto/AP"]


def test_offsets_point_into_the_original_text():
    text = "  Foto/AP\r\n\n   Putin tiba di Seoul.  \n"
    for block in content_blocks(text):
        assert text[block.start:block.end].strip() == text[block.start:block.end]


def test_lines_differing_only_in_numbers_are_not_repeats():
    text = "Korban tewas 5 orang di Gaza pada Senin.\nKorban tewas 7 orang di Gaza pada Senin."
    assert len(kept(text)) == 2


def test_a_huge_line_becomes_bounded_blocks_of_one_paragraph():
    from graphkit.clean import MAX_BLOCK

    sentence = "Putin bertemu Kim di Pyongyang. "
    text = "Judul berita ini.\n" + sentence * (3 * MAX_BLOCK // len(sentence))
    blocks = content_blocks(text)
    assert len(blocks) >= 4 and all(b.end - b.start <= MAX_BLOCK for b in blocks)
    assert {b.paragraph for b in blocks[1:]} == {1}
    assert all(text[b.start:b.end].endswith("Pyongyang.") for b in blocks[1:])
    assert "".join(text[b.start:b.end] for b in blocks[1:]).replace(" ", "") == \
        text.split("\n")[1].replace(" ", "")


def test_a_huge_word_is_cut_at_the_limit():
    from graphkit.clean import split_long

    assert list(split_long("x" * 25, 0, 25, limit=10)) == [(0, 10), (10, 20), (20, 25)]


def test_invisible_characters_do_not_hide_chrome_and_map_back():
    from graphkit.clean import original_span, visible_text

    text = "Foto\u200b/AP\nPutin\u200b tiba."
    assert kept(text) == ["Putin\u200b tiba."]
    visible, where = visible_text(text)
    start = visible.index("Putin")
    assert original_span(where, start, start + 5) == (text.index("Putin"), text.index("Putin") + 5)
    assert visible_text("Putin") == ("Putin", None)


def test_a_long_content_line_mentioning_a_call_to_action_is_kept():
    line = ("Putin mengatakan kepada wartawan di Moskow bahwa warga yang ingin subscribe "
            "layanan berita asing tidak akan dihukum, meskipun pemerintah Rusia telah "
            "memblokir banyak situs dan mendesak warga untuk tidak mengunjungi tautan "
            "asing yang berisi ajakan klik di sini dari organisasi yang dicap sebagai "
            "agen asing oleh Kementerian Kehakiman Rusia pada tahun lalu.")
    assert not is_chrome(line)
