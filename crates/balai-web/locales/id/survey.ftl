# Survei Kepuasan Masyarakat (SKM) dan Indeks Kepuasan Masyarakat (IKM), PermenPANRB 14/2017.

skm-err-answer-missing = Pilih salah satu jawaban untuk unsur ini.
skm-err-answer-range = Jawaban harus 1, 2, 3, atau 4.
skm-err-age = Umur ditulis dalam tahun, 10 sampai 110.
skm-err-weight = Bobot ditulis sebagai pecahan seperti 1/9 atau desimal seperti 0,125.
skm-err-weights-sum = Jumlah bobot semua unsur harus tepat 1 (gunakan 1/9, bukan 0,111).
skm-err-no-elements = Kuesioner memerlukan paling sedikit satu unsur.
skm-err-duplicate-element = Kode unsur tidak boleh dipakai dua kali.
skm-err-period = Periode ditulis seperti 2026, 2026-S1, atau 2026-Q3.
