# Notifikasi, kotak pesan, dan webhook integrasi (helper notify).

console-notifications = Notifikasi
console-webhooks = Webhook integrasi

# Kotak pesan warga
inbox-title = Kotak pesan
inbox-empty = Belum ada pesan untuk Anda.
inbox-all-read = Semua pesan sudah dibaca.
inbox-unread-count = Pesan belum dibaca
inbox-unread = belum dibaca
inbox-received = Diterima
inbox-open-link = Lihat rinciannya
inbox-back = Kembali ke kotak pesan

# Konsol notifikasi
notify-console-lead = Pemberitahuan kepada pemohon lewat email, SMS/WhatsApp, dan kotak pesan. Yang belum terkirim melewati tenggatnya tampil paling atas.
notify-filters = Saring notifikasi
notify-status = Status
notify-status-any = Semua status
notify-overdue-only = Hanya yang terlambat
notify-apply = Terapkan
notify-subject = Perihal
notify-channel = Saluran
notify-recipient = Penerima
notify-due = Tenggat
notify-reason = Keterangan
notify-overdue = Terlambat
notify-resend = Kirim ulang
notify-resent = Notifikasi dimasukkan lagi ke antrean pengiriman.
notify-inbox-of-account = Kotak pesan akun
notify-err-inbox-address = Pesan ke kotak pesan tidak memakai alamat; kosongkan kolom ini.
notify-err-inbox-recipient = Pesan ke kotak pesan harus ditujukan kepada akun tertentu.

# Webhook integrasi
webhooks-lead = Sistem lain (OSS, aplikasi instansi) menerima pemberitahuan bertanda tangan HMAC-SHA256 setiap kali permohonan berubah.
webhooks-docs = Dokumentasi API
webhooks-changed = Perubahan disimpan.
webhooks-none = Belum ada webhook terdaftar.
webhooks-name = Nama
webhooks-name-hint = Misalnya: OSS Kementerian Investasi
webhooks-url = Alamat penerima (URL)
webhooks-url-hint = Alamat https:// yang menerima POST JSON.
webhooks-events = Peristiwa
webhooks-event = Peristiwa
webhooks-last-delivery = Pengiriman terakhir
webhooks-never = Belum pernah
webhooks-inactive = Nonaktif
webhooks-new = Daftarkan webhook
webhooks-create = Daftarkan
webhooks-created-title = Webhook terdaftar
webhooks-secret = Kunci rahasia
webhooks-secret-once = Salin kunci rahasia ini sekarang dan simpan di sistem penerima. Kunci ini tidak akan ditampilkan lagi.
webhooks-secret-usage = Penerima memeriksa tanda tangan pada header
webhooks-deactivate = Nonaktifkan
webhooks-activate = Aktifkan lagi
webhooks-deliveries = Pengiriman
webhooks-no-deliveries = Belum ada pengiriman.
webhooks-time = Waktu
webhooks-attempts = Percobaan
webhooks-answer = Jawaban penerima
webhooks-actions = Tindakan
webhooks-redeliver = Kirim ulang
webhooks-err-url = Tulis alamat lengkap yang diawali https:// (atau http://), misalnya https://oss.contoh.go.id/webhook.
webhooks-err-events = Pilih paling sedikit satu peristiwa.
