## Layanan dan standar pelayanan: katalog publik, konsultasi publik, dan konsol.
## Setiap kunci juga ada di ../en/services.ftl.

## Katalog publik (/layanan)

svc-list-title = Layanan
svc-list-lead = Cari layanan menurut nama, kata kunci, atau instansi. Setiap layanan memuat standar pelayanan lengkap: persyaratan, prosedur, waktu, biaya, dan produknya.
svc-search-label = Cari layanan
svc-search-placeholder = Contoh: KTP, akta kelahiran, izin usaha
svc-filters-label = Saring layanan
svc-filter-organisation = Instansi
svc-filter-kind = Jenis layanan
svc-filter-mode = Cara pelayanan
svc-filter-free = Hanya layanan gratis
svc-filter-any = Semua
svc-found = { $count ->
    [0] Tidak ada layanan yang cocok
   *[other] { $count } layanan ditemukan
}
svc-none-found = Coba kata lain atau hapus saringan.
svc-page-of = Halaman { $number } dari { $total }
svc-completion-short = Waktu penyelesaian
svc-fee-short = Biaya

## Halaman satu layanan (/layanan/{kode})

svc-code = Kode layanan
svc-kind = Jenis
svc-modes = Cara pelayanan
svc-standard-version = Standar pelayanan
svc-version = Versi
svc-effective-since = Berlaku sejak { $date }
svc-effective-from = Tanggal berlaku
svc-decree = Nomor keputusan
svc-history = Riwayat versi standar pelayanan
svc-current = Berlaku
svc-consultation-open = Rancangan perubahan standar sedang dikonsultasikan
svc-consultation-notice = Rancangan perubahan standar pelayanan ini dibuka untuk tanggapan masyarakat
svc-consultation-jump = Kirim tanggapan
svc-comment-heading = Tanggapan atas rancangan standar pelayanan
svc-comment-intro = Siapa pun boleh memberi tanggapan. Tanggapan dibaca oleh petugas dan ditampilkan di halaman ini setelah dimoderasi.
svc-comment-name = Nama
svc-comment-group = Anda mewakili
svc-comment-group-choose = Pilih kelompok
svc-comment-body = Tanggapan
svc-comment-body-hint = Paling banyak 2000 karakter.
svc-comment-submit = Kirim tanggapan
svc-comment-thanks = Terima kasih. Tanggapan Anda sudah kami terima dan akan ditampilkan setelah dimoderasi.
svc-comments-approved = Tanggapan masyarakat
svc-conflict = Data ini sudah diubah oleh orang lain sejak Anda membukanya, sehingga perubahan Anda belum disimpan. Isian Anda masih ada di formulir ini: buka halaman ini di tab lain untuk melihat versi terbaru, lalu simpan kembali.

## Komponen standar pelayanan (PermenPANRB 15/2014; Perda Luwu Pasal 27)

std-language-note = Teks standar pelayanan diterbitkan dalam Bahasa Indonesia.
std-delivery-heading = Komponen penyampaian pelayanan
std-management-heading = Komponen pengelolaan pelayanan
std-requirements = Persyaratan
std-no-requirements = Tanpa persyaratan.
std-req-document = Nama dokumen
std-req-status = Keterangan
std-req-required = Wajib
std-req-optional = Tidak wajib
std-req-file-types = Jenis berkas unggahan
std-req-shown = Ditunjukkan di loket
std-procedure = Sistem, mekanisme, dan prosedur
std-completion-time = Jangka waktu penyelesaian
std-fees = Biaya/tarif
std-free-note = Layanan ini tidak dipungut biaya.
std-fee-basis = Dasar hukum
std-fee-total = Jumlah biaya
std-product = Produk pelayanan
std-complaint-handling = Penanganan pengaduan, saran, dan masukan
std-legal-basis = Dasar hukum
std-facilities = Sarana, prasarana, dan/atau fasilitas
std-vulnerable-facilities = Fasilitas bagi kelompok rentan
std-officer-competence = Kompetensi pelaksana
std-internal-supervision = Pengawasan internal
std-officer-count = Jumlah pelaksana
std-officers-unit = orang
std-service-guarantee = Jaminan pelayanan
std-security-guarantee = Jaminan keamanan dan keselamatan pelayanan
std-compensation = Mekanisme ganti rugi
std-performance-evaluation = Evaluasi kinerja pelaksana
std-not-stated = Belum dicantumkan.

## Konsol: layanan

csvc-list-title = Layanan dan standar pelayanan
csvc-list-caption = Daftar layanan
csvc-new-service = Tambah layanan
csvc-edit-service = Ubah data layanan
csvc-name = Nama layanan
csvc-name-en = Nama layanan dalam bahasa Inggris
csvc-name-en-hint = Ditampilkan kepada pengunjung yang memilih bahasa Inggris.
csvc-organisation = Instansi
csvc-category = Kategori
csvc-choose = Pilih
csvc-code-hint = 2–32 huruf, angka, atau tanda hubung, misalnya KTP-EL. Kode tidak dapat diubah setelah disimpan.
csvc-keywords = Kata kunci
csvc-keywords-hint = Dipisahkan koma; membantu warga menemukan layanan, misalnya: e-ktp, kartu tanda penduduk.
csvc-ticket-prefix = Awalan nomor antrean
csvc-ticket-prefix-hint = 1–3 huruf kapital, misalnya A.
csvc-active = Layanan aktif (tampil di katalog publik)
csvc-inactive = Nonaktif
csvc-unpublished = Belum ditetapkan
csvc-published-version = Versi berlaku
csvc-public-page = Lihat halaman publik
csvc-versions = Versi standar pelayanan
csvc-no-versions = Belum ada versi standar pelayanan.
csvc-status = Status
csvc-comment-period = Masa tanggapan
csvc-change-note = Catatan perubahan
csvc-change-note-hint = Ringkasan apa yang berubah dibanding versi sebelumnya.
csvc-new-version = Buat versi baru
csvc-new-version-hint = Versi baru dimulai sebagai salinan standar yang sedang berlaku.
csvc-open-draft-exists = Layanan ini sudah memiliki rancangan yang belum ditetapkan:

## Konsol: rancangan standar

csvc-edit-draft = Ubah rancangan
csvc-editor-intro = Isi kelima belas komponen standar pelayanan. Baris kosong diabaikan; tekan "Tambah baris" bila perlu baris lagi.
csvc-preview = Pratinjau
csvc-preview-note = Pratinjau: beginilah versi ini akan tampil di halaman publik. Status versi:
csvc-add-rows = Tambah baris
csvc-legal-row = Dasar hukum baris
csvc-requirements-hint = Centang jenis berkas bila dokumen diunggah; bila tidak ada yang dicentang, dokumen cukup ditunjukkan di loket.
csvc-requirement-row = Persyaratan
csvc-requirement-note = Keterangan
csvc-step-row = Langkah
csvc-step-title = Judul langkah
csvc-step-description = Uraian
csvc-completion-value = Lama penyelesaian
csvc-completion-unit = Satuan waktu
csvc-fees-hint = Kosongkan semua baris bila layanan gratis. Setiap biaya wajib mencantumkan dasar hukumnya.
csvc-fee-row = Biaya
csvc-fee-item = Uraian biaya
csvc-fee-amount = Besaran (rupiah)
csvc-fee-amount-hint = Contoh: 150000 atau Rp150.000. Isi 0 bila gratis.
csvc-fee-legal-basis = Dasar hukum biaya (umum)
csvc-fee-legal-basis-hint = Berlaku untuk baris biaya yang tidak mencantumkan dasar hukumnya sendiri.
csvc-vulnerable-hint = Misalnya bagi penyandang disabilitas, lanjut usia, ibu hamil, anak, dan korban bencana.
csvc-final-note = Versi ini sudah ditetapkan dan tidak dapat diubah. Untuk mengubah standar, buat versi baru.
csvc-not-editable = Hanya rancangan yang dapat diubah. Versi yang sudah ditetapkan tidak pernah diubah: untuk mengubah standar, buat versi baru. Versi yang sedang dikonsultasikan dikembalikan ke rancangan terlebih dahulu.
csvc-transition-refused = Langkah ini tidak dapat dilakukan pada status versi saat ini.
csvc-standard-incomplete = Standar pelayanan ini belum lengkap atau belum valid; perbaiki rancangannya sebelum ditetapkan.

## Konsol: konsultasi publik dan penetapan

csvc-open-consultation = Buka konsultasi publik
csvc-comment-from = Tanggapan dibuka mulai
csvc-comment-until = Tanggapan ditutup pada
csvc-back-to-draft = Tutup konsultasi dan kembalikan ke rancangan
csvc-forum = Forum konsultasi publik
csvc-forum-record = Catat forum konsultasi
csvc-forum-intro = Catat pelaksanaan forum konsultasi publik: peserta menurut kelompok, kesepakatan, dan tindak lanjut beserta penanggung jawab dan tenggatnya (PermenPANRB 16/2017).
csvc-forum-none = Forum konsultasi belum dicatat. Standar baru dapat ditetapkan setelah forum dicatat.
csvc-forum-held-on = Tanggal pelaksanaan
csvc-forum-place = Tempat
csvc-forum-participants = Peserta menurut kelompok
csvc-forum-total = Jumlah peserta
csvc-forum-agreed = Berita acara kesepakatan
csvc-forum-agreed-hint = Ringkasan hal yang disepakati dalam forum.
csvc-forum-follow-ups = Tindak lanjut
csvc-fu-row = Tindak lanjut
csvc-fu-item = Uraian
csvc-fu-owner = Penanggung jawab
csvc-fu-due = Tenggat
csvc-forum-required = Forum konsultasi publik belum dicatat. Catat forumnya terlebih dahulu, lalu tetapkan standar.
csvc-adopt = Tetapkan standar pelayanan
csvc-adopt-hint = Setelah ditetapkan, versi ini langsung tampil di halaman publik, versi sebelumnya tercatat sebagai diganti, dan versi ini tidak dapat diubah lagi.
csvc-decree-number = Nomor keputusan penetapan
csvc-decree-hint = Misalnya: 800/123/KPTS/DPMPTSP/2026
csvc-comments = Tanggapan masyarakat
csvc-no-comments = Belum ada tanggapan.

## Konsol: moderasi tanggapan

csvc-moderation-title = Moderasi tanggapan
csvc-moderation-intro = Tanggapan masyarakat atas rancangan standar pelayanan. Tanggapan yang disetujui tampil di halaman layanan; yang ditolak tetap tercatat.
csvc-moderation-empty = Tidak ada tanggapan yang menunggu moderasi.
csvc-approve = Setujui
csvc-reject = Tolak

## Pesan validasi khusus layanan

err-service-code-taken = Kode layanan ini sudah dipakai layanan lain; pilih kode lain.
err-modes-empty = Pilih paling sedikit satu cara pelayanan.
err-ticket-prefix = Awalan nomor antrean harus 1–3 huruf kapital A–Z.
err-forum-no-participants = Catat jumlah peserta forum, paling sedikit satu orang.
