## Beranda, pengumuman (Seluma Pasal 28), dan regulasi.

## Beranda

home-title = Beranda
home-search-label = Cari layanan
home-search-placeholder = Contoh: KTP, akta kelahiran, SKCK
home-figures = Angka-angka MPP
home-organisations = instansi melayani di sini
home-services = jenis layanan
home-quick-links = Akses cepat
home-link-services = Semua layanan beserta persyaratan, biaya, dan waktunya
home-link-organisations = Instansi dan gerai di MPP
home-link-announcements = Pengumuman
home-link-regulations = Regulasi yang berlaku
home-how-title = Cara menggunakan MPP
home-how-1 = Cari layanan yang Anda perlukan dan baca persyaratan, biaya, serta lama penyelesaiannya.
home-how-2 = Siapkan dokumen persyaratan; bawa dokumen aslinya saat datang.
home-how-3 = Datang ke MPP pada jam layanan, ambil nomor antrean, lalu tunggu panggilan ke gerai.
home-how-4 = Simpan tanda terima dan nomor pendaftaran untuk mengambil hasil layanan.
home-latest-announcements = Pengumuman terbaru
home-all-announcements = Lihat semua pengumuman
home-visit-title = Datang ke MPP
home-address = Alamat
home-opening-hours = Jam layanan
home-phone = Telepon
home-email = Email
home-complaints-title = Pengaduan
home-complaints-intro = Tidak puas dengan pelayanan? Sampaikan pengaduan, saran, atau masukan Anda melalui saluran berikut.

## Pengumuman

announcements-title = Pengumuman
announcements-intro = Pengumuman dari MPP dan instansi di dalamnya, termasuk rencana perbaikan sarana yang diumumkan paling lambat 30 hari sebelum pekerjaan dimulai.
announcements-none = Belum ada pengumuman.
announcements-back = Kembali ke daftar pengumuman
announcement-published = Diumumkan
announcement-published-on = Tanggal terbit
announcement-period = Waktu kegiatan
announcement-activity = Nama kegiatan
announcement-person-in-charge = Penanggung jawab
announcement-complaint-channels = Saluran pengaduan
announcement-repair-basis = Diumumkan sesuai Peraturan Bupati Seluma No. 11/2019 Pasal 28 ayat (3): paling lambat 30 hari kalender sebelum pekerjaan dimulai.
announcement-kind-umum = Umum
announcement-kind-perbaikan-sarana = Perbaikan sarana
announcement-kind-label = Jenis pengumuman
announcement-title-label = Judul
announcement-body = Isi pengumuman
announcement-body-hint = Pisahkan paragraf dengan satu baris kosong.
announcement-organisation = Instansi
announcement-organisation-optional = Instansi (opsional)
announcement-organisation-mall = MPP (pengelola)
announcement-repair-legend = Rincian kegiatan (wajib untuk perbaikan sarana)
announcement-repair-hint = Pengumuman perbaikan sarana wajib memuat nama kegiatan, penanggung jawab, waktu kegiatan, dan saluran pengaduan, dan terbit paling lambat { $period } sebelum pekerjaan dimulai ({ $citation }).
announcement-person-hint = Nama dan alamat penanggung jawab.
announcement-period-start = Mulai
announcement-period-end = Selesai
announcement-channels-hint = Satu saluran per baris: telepon, SMS, laman, email, kotak pengaduan.
announcement-new = Pengumuman baru
announcement-edit = Ubah pengumuman
announcement-saved = Pengumuman tersimpan dan sudah tampil di situs publik.
announcement-conflict = Pengumuman ini sudah diubah orang lain sejak Anda membukanya. Isian Anda masih di bawah; buka ulang pengumuman di tab baru untuk melihat versi terbaru, lalu simpan lagi bila perlu.
content-tabs-label = Bagian konten
err-repair-notice-too-short = { $citation }: pengumuman perbaikan sarana harus terbit paling lambat { $period } sebelum pekerjaan dimulai. Tanggal mulai paling awal: { $earliest }.

## Regulasi

regulations-title = Regulasi
regulations-intro = Peraturan yang menjadi dasar penyelenggaraan pelayanan di MPP.
regulations-none = Belum ada regulasi yang dicatat.
regulation-kind = Jenis peraturan
regulation-number = Nomor
regulation-number-hint = Contoh: 26 atau 1497
regulation-year = Tahun
regulation-title = Judul
regulation-subject = Pokok pengaturan
regulation-subject-optional = Pokok pengaturan (opsional)
regulation-add = Tambah regulasi
regulation-saved = Regulasi tersimpan dan sudah tampil di halaman Regulasi.
err-regulation-year = Tahun harus antara 1945 dan 2100.
regulation-kind-undang-undang = Undang-Undang
regulation-kind-peraturan-pemerintah = Peraturan Pemerintah
regulation-kind-peraturan-presiden = Peraturan Presiden
regulation-kind-peraturan-menteri = Peraturan Menteri
regulation-kind-peraturan-daerah = Peraturan Daerah
regulation-kind-peraturan-bupati = Peraturan Bupati/Wali Kota
regulation-kind-keputusan = Keputusan
regulation-kind-lainnya = Lainnya
