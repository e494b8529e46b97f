# Perizinan elektronik (PTSP-el): alur kerja, formulir permohonan, pengaturan layanan.

permits-err-no-states = Alur kerja harus memiliki paling sedikit satu tahap.
permits-err-duplicate = Kode ini sudah dipakai; setiap kode harus berbeda.
permits-err-code = Kode hanya boleh berisi huruf kecil a–z, angka, dan garis bawah (paling banyak 40 karakter).
permits-err-sla-share = Porsi waktu tahap harus 1 sampai 100 persen dari waktu penyelesaian.
permits-err-unknown-state = Tahap yang dirujuk tidak ada dalam alur kerja ini.
permits-err-no-end = Alur kerja harus memiliki paling sedikit satu tahap akhir.
permits-err-leaves-end = Tahap akhir tidak boleh memiliki tindakan keluar.
permits-err-unreachable = Tahap ini tidak dapat dicapai dari tahap awal; tambahkan tindakan menuju tahap ini atau hapus tahapnya.
permits-err-no-way-out = Permohonan di tahap ini tidak dapat mencapai tahap akhir (untuk sebagian pilihan layanan); tambahkan tindakan keluar.
permits-err-choices = Kolom pilihan memerlukan paling sedikit satu pilihan dengan nilai dan label yang berbeda-beda.
permits-err-number = Tulis bilangan bulat, misalnya 120 atau 1.250.
permits-err-number-range = Angka di luar batas yang diperbolehkan untuk kolom ini.
permits-err-date = Tanggal tidak valid; pilih tanggal dari kalender atau tulis seperti 2026-03-31.
permits-err-village = Pilih kode desa/kelurahan lengkap (10 angka, misalnya 33.25.01.2001).
permits-err-number-pattern = Pola nomor harus memuat tepat satu {"{"}SEQ:n{"}"} (n = 3–9), boleh {"{"}YYYY{"}"} dan {"{"}MM{"}"}, serta hanya huruf, angka, /, ., -, dan _.
permits-err-levy-field = Retribusi per satuan harus merujuk kolom angka pada formulir.
permits-err-placeholder = Templat merujuk kolom yang tidak ada dalam formulir.
