## Instansi, gerai, petugas, dan maklumat pelayanan (portal publik dan konsol).
## Setiap kunci juga ada di ../en/organisations.ftl.

## Portal publik: daftar dan profil instansi (Perbup Mesuji Pasal 8–9)

org-list-title = Instansi di MPP
org-list-lead = Instansi pemerintah, BUMN, BUMD, dan mitra swasta yang membuka layanan di Mal Pelayanan Publik, dikelompokkan menurut jenisnya. Pilih instansi untuk melihat gerai, jam layanan, petugas, maklumat pelayanan, dan daftar layanannya.
org-list-empty = Belum ada instansi yang terdaftar.
org-list-total = Jumlah instansi
org-counters-label = Jumlah gerai
org-code = Kode
org-profile = Profil instansi
org-head = Pimpinan
org-parent = Unit atasan
org-address = Alamat
org-phone = Telepon
org-email = Email
org-website = Situs web
org-agreement = Dasar keikutsertaan di MPP
org-agreement-none = Data kesepakatan belum dicatat.
org-agreement-number = Kesepakatan
org-agreement-kind-nota-kesepakatan = Nota Kesepakatan
org-agreement-kind-perjanjian-kerja-sama = Perjanjian Kerja Sama
org-agreement-document = Dokumen kesepakatan
org-agreement-reference = Rujukan arsip
org-agreement-signed-copy = Salinan bertanda tangan
org-workplan = Rencana kerja / perjanjian kerja sama
org-number = Nomor
org-dated = tanggal
org-counters = Gerai
org-counters-none = Instansi ini belum membuka gerai di MPP.
org-counter = Gerai
org-location = Lokasi
org-hours = Jam layanan
org-officers = Petugas
org-officers-none = Profil petugas belum dipublikasikan.
org-competence = Kompetensi
org-charter = Maklumat pelayanan
org-charter-adopted = Ditetapkan
org-charter-none = Maklumat pelayanan instansi ini belum ditetapkan.
org-services = Layanan
org-services-none = Belum ada layanan yang diterbitkan untuk instansi ini.

## Konsol: bersama

org-new = Tambah instansi
org-edit = Ubah instansi
org-saved = Perubahan tersimpan.
org-conflict = Data ini sudah diubah oleh pengguna lain setelah Anda membuka formulir, sehingga simpanan Anda belum dilakukan. Isian Anda masih ada di bawah. Buka halaman ini di tab baru untuk melihat versi terbaru; bila isian Anda tetap yang benar, tekan Simpan sekali lagi.
org-status = Status
org-active = Aktif
org-inactive = Nonaktif
org-activate = Aktifkan
org-deactivate = Nonaktifkan
org-active-note = Instansi ini tampil di daftar publik dan API.
org-inactive-note = Instansi ini tidak tampil di daftar publik dan API. Datanya tetap tersimpan.
org-public-page = Lihat halaman publik
org-all-kinds = Semua jenis
org-all-organisations = Semua instansi
org-choose = Pilih…
org-none = Tidak ada
org-identity = Identitas
org-contacts = Pimpinan dan kontak

## Konsol: formulir instansi

org-code-hint = 2–32 karakter: huruf A–Z, angka, tanda hubung, atau garis bawah; misalnya DISDUKCAPIL. Kode dipakai di alamat halaman.
org-f-kind = Jenis instansi
org-f-name = Nama
org-f-name-en = Nama dalam bahasa Inggris (opsional)
org-f-name-en-hint = Ditampilkan kepada pengunjung yang memilih bahasa Inggris.
org-f-description = Deskripsi singkat (opsional)
org-f-parent = Unit atasan (opsional)
org-f-head-name = Nama pimpinan (opsional)
org-f-head-position = Jabatan pimpinan (opsional)
org-f-phone = Telepon (opsional)
org-f-email = Email (opsional)
org-f-website = Situs web (opsional)
org-f-website-hint = Alamat lengkap diawali https://
org-f-agreement-kind = Jenis kesepakatan (opsional)
org-f-agreement-number = Nomor kesepakatan (opsional)
org-f-agreement-date = Tanggal kesepakatan (opsional)
org-f-agreement-document = Rujukan arsip atau tautan (opsional)
org-f-agreement-document-hint = Nomor atau tempat arsip, atau tautan (https://…) ke salinan lain. Dokumen yang ditandatangani diunggah di bagian Dokumen kesepakatan di bawah.
org-f-workplan-number = Nomor rencana kerja / PKS (opsional)
org-f-workplan-date = Tanggal rencana kerja / PKS (opsional)
org-f-date-hint = Format: tahun-bulan-tanggal, misalnya 2026-01-12.

## Konsol: unggah dokumen kesepakatan (Perbup Mesuji Pasal 8 ayat 2–3)

org-file-title = Dokumen kesepakatan
org-file-lead = Unggah pindaian kesepakatan yang sudah ditandatangani. Berkas ini dapat diunduh dari halaman publik instansi.
org-file-current = Berkas saat ini
org-file-none = Belum ada dokumen yang diunggah.
org-file-size = Ukuran
org-file-uploaded = Diunggah
org-file-field = Berkas PDF
org-file-hint = Hanya PDF, paling besar 10 MB. Berkas baru menggantikan yang lama di halaman publik; berkas lama tetap tercatat dalam jejak audit.
org-file-upload = Unggah dokumen

## Konsol: gerai

org-counter-new = Tambah gerai
org-counter-edit = Ubah gerai
org-f-organisation = Instansi
org-f-counter-name = Nama gerai
org-f-building = Gedung
org-f-floor = Lantai (opsional)
org-f-position-in-building = Posisi di gedung (opsional)
org-f-position-in-building-hint = Misalnya: sebelah kiri pintu masuk, dekat lift.
org-f-hours-hint = Tulis hari lalu jam, pisahkan bagian dengan titik koma. Contoh: Sen-Jum 08:00-15:00; Sab 08:00-12:00. Istirahat: Jum 08:00-11:30,13:30-15:00.
org-counter-active-note = Gerai ini buka dan tampil di halaman publik.
org-counter-inactive-note = Gerai ini ditutup dan tidak tampil di halaman publik.
org-counter-close = Tutup gerai
org-counter-open = Buka kembali gerai

## Konsol: petugas

org-officer-new = Tambah petugas
org-officer-edit = Ubah petugas
org-f-officer-name = Nama
org-f-position = Jabatan
org-f-nip = NIP (opsional)
org-f-nip-hint = 18 angka. Kosongkan untuk pegawai non-ASN. NIP tidak ditampilkan kepada publik.
org-f-superior = Atasan langsung (opsional)
org-f-counter = Gerai tempat bertugas (opsional)
org-f-competence-hint = Ditampilkan di profil publik petugas.
org-f-public-profile = Profil publik (opsional)
org-f-public-profile-hint = Ringkasan tugas yang boleh dibaca masyarakat.
org-officer-active-note = Petugas ini aktif dan profilnya tampil di halaman publik.
org-officer-inactive-note = Petugas ini nonaktif; profilnya tidak tampil, riwayatnya tetap tersimpan.

## Konsol: maklumat pelayanan

org-charter-console-lead = Maklumat pelayanan adalah janji tertulis penyelenggara untuk memenuhi standar pelayanan. Maklumat tidak diubah, melainkan ditetapkan ulang; yang terbaru yang dipublikasikan.
org-charter-current = Berlaku
org-charter-missing = Belum ditetapkan
org-charter-manage = Kelola maklumat
org-charter-adopt = Tetapkan maklumat
org-charter-adopt-note = Maklumat yang ditetapkan di sini menggantikan maklumat yang berlaku; maklumat lama tetap tercatat dalam riwayat.
org-charter-history = Riwayat maklumat
org-charter-saved = Maklumat pelayanan telah ditetapkan.
org-f-charter-body = Isi maklumat
org-f-charter-body-hint = Bila dikosongkan, dipakai rumusan baku maklumat pelayanan.
org-f-adopted-on = Tanggal penetapan
org-f-signed-by = Ditandatangani oleh
org-f-signer-position = Jabatan penanda tangan

## Pesan kesalahan area ini

org-err-code-taken = Kode ini sudah dipakai. Pilih kode lain.
org-err-website = Tulis alamat situs lengkap diawali https://, misalnya https://mesujikab.go.id.
org-err-parent-unknown = Unit atasan tidak ditemukan.
org-err-parent-cycle = Unit ini tidak dapat menjadi atasan: rantai atasan akan kembali ke instansi ini.
org-err-workplan-before-agreement = Rencana kerja tidak boleh bertanggal sebelum kesepakatan.
org-err-workplan-pair = Isi nomor dan tanggal rencana kerja bersama-sama, atau kosongkan keduanya.
org-err-organisation-unknown = Instansi tidak ditemukan. Pilih dari daftar.
org-err-counter-unknown = Gerai tidak ditemukan. Pilih dari daftar.
org-err-counter-other-org = Gerai ini milik instansi lain. Pilih gerai instansi petugas.
org-err-superior-unknown = Atasan tidak ditemukan. Pilih dari daftar.
org-err-superior-cycle = Petugas ini tidak dapat menjadi atasan: rantai atasan akan kembali ke petugas yang sedang diubah.
org-err-nip = NIP harus 18 angka.
