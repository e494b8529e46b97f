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

# Mengajukan dan mengikuti permohonan
permit-apply = Ajukan permohonan secara daring
permit-apply-title = Ajukan permohonan
permit-apply-lead = Isi formulir di bawah ini. Isian Anda disimpan sebagai draf; setelah itu Anda mengunggah dokumen persyaratan, menyatakan kebenarannya, lalu mengajukan permohonan dan langsung menerima nomor pendaftaran.
permit-save-continue = Simpan dan lanjutkan
permit-save-draft = Simpan draf
permit-saved = Draf tersimpan.
permit-conflict = Permohonan ini baru saja diubah di tempat lain. Muat ulang halaman, periksa isinya, lalu coba lagi.
permit-choose = Pilih salah satu
permit-address-street = Jalan, nomor, RT/RW
permit-address-region = Kode desa/kelurahan
permit-address-region-hint = 10 angka kode wilayah Kemendagri, misalnya 18.11.01.2001.
permit-my-title = Permohonan saya
permit-my-empty = Anda belum mengajukan permohonan. Pilih layanan untuk memulai:
permit-draft = Draf (belum diajukan)
permit-service = Layanan
permit-number = Nomor pendaftaran
permit-state = Tahap
permit-created = Dibuat
permit-due = Batas waktu tahap ini
permit-levy = Retribusi
permit-answers = Isian formulir
permit-documents = Dokumen persyaratan
permit-no-documents = Layanan ini tidak memerlukan unggahan dokumen.
permit-doc-version = Versi
permit-doc-reason = Alasan dikembalikan
permit-doc-none = Belum diunggah.
permit-doc-file = Berkas
permit-doc-upload = Unggah
permit-doc-pending = Menunggu pemeriksaan
permit-doc-accepted = Diterima
permit-doc-returned = Dikembalikan, perlu diganti
permit-doc-replaced = Diganti
permit-submit-title = Pernyataan dan pengajuan
permit-declaration = Saya menyatakan bahwa data dan dokumen yang saya sampaikan benar dan sah (Perbup Batang Pasal 8 ayat 2).
permit-submit = Ajukan permohonan
permit-resubmit = Ajukan kembali
permit-submitted = Permohonan Anda telah diajukan. Nomor pendaftaran:
permit-receipt-download = Unduh tanda terima (PDF)
permit-history = Riwayat
permit-step-submit = Permohonan diajukan
permit-err-doc-missing = Unggah dokumen wajib ini sebelum mengajukan permohonan.
permit-err-doc-returned = Dokumen ini dikembalikan; unggah penggantinya sebelum mengajukan kembali.
permit-err-declaration = Centang pernyataan kebenaran data dan dokumen untuk mengajukan permohonan.

# Tanda terima
permit-receipt-title = Tanda terima pendaftaran permohonan
permit-applicant = Pemohon
permit-received = Diterima
permit-channel = Saluran
permit-pin = PIN pelacakan
permit-receipt-body = Simpan tanda terima ini. Dengan nomor pendaftaran dan PIN di atas Anda dapat melihat tahap permohonan kapan saja di halaman Lacak Permohonan.
permit-receipt-qr = Pindai untuk melacak permohonan:
permit-receipt-note = Tanda terima ini bukan izin. Izin atau surat penolakan diterbitkan setelah permohonan diputuskan.

# Lacak permohonan
permit-track-title = Lacak permohonan
permit-track-lead = Masukkan nomor pendaftaran dan PIN pada tanda terima (atau tanggal lahir pemohon) untuk melihat tahap permohonan.
permit-track-number-hint = Seperti tertulis pada tanda terima, misalnya PTSP/2026/000123.
permit-track-code = PIN atau tanggal lahir
permit-track-code-hint = PIN 6 angka pada tanda terima, atau tanggal lahir pemohon seperti 1990-08-07.
permit-track-submit = Lacak
permit-track-failed = Permohonan tidak ditemukan, atau PIN/tanggal lahir tidak cocok. Periksa kembali isian Anda.
permit-track-limited = Terlalu banyak pencarian yang gagal. Coba lagi 15 menit lagi.

# Konsol permohonan
console-applications = Permohonan
permit-inbox-lead = Permohonan yang dapat Anda proses, yang tenggatnya paling dekat (atau sudah lewat) di atas.
permit-inbox-empty = Tidak ada permohonan yang menunggu tindakan Anda.
permit-step-done = Tindakan tercatat.
permit-work-title = Proses permohonan
permit-checklist = Daftar periksa dokumen
permit-checklist-hint = Terima setiap dokumen yang sesuai; kembalikan yang tidak sesuai dengan alasannya.
permit-review = Hasil pemeriksaan
permit-review-none = Belum diperiksa
permit-review-accept = Sesuai, diterima
permit-review-return = Tidak sesuai, kembalikan
permit-comment = Catatan atau alasan
permit-comment-hint = Wajib untuk pengembalian, keputusan, dan pembatalan; alasan keputusan dan pengembalian dapat dibaca pemohon.
permit-conflict-staff = Permohonan ini baru saja diproses orang lain. Periksa tahap terbarunya di bawah.
permit-err-return-which = Tandai dokumen yang dikembalikan beserta alasannya.
permit-err-return-only = Dokumen hanya dapat dikembalikan dengan tindakan "Kembalikan ke pemohon".
