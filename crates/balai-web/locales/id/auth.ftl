## Identitas dan akses: masuk, faktor kedua (TOTP), pendaftaran warga, akun, pengguna dan token API di konsol.
## Bahasa Indonesia adalah bahasa utama; setiap kunci juga ada di ../en/auth.ftl.

## Masuk dan keluar

auth-login-title = Masuk
auth-already-signed-in = Anda sudah masuk sebagai
auth-email = Alamat e-mail
auth-email-hint = Kami mengirim kabar permohonan dan pengaduan ke alamat ini.
auth-password = Kata sandi
auth-no-account = Belum punya akun?
auth-register-link = Daftar sebagai warga
auth-forgot = Lupa kata sandi? Petugas dapat meminta pengelola MPP mengatur ulang kata sandi. Warga dapat datang ke meja informasi MPP dengan membawa KTP.
auth-invalid = E-mail atau kata sandi salah.
auth-locked = Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi setelah pukul { $until }.
auth-disabled = Akun ini telah dinonaktifkan. Hubungi pengelola MPP bila menurut Anda ini keliru.
auth-rate-limited = Terlalu banyak percobaan dalam waktu singkat. Tunggu sebentar, lalu coba lagi.

## Faktor kedua (aplikasi autentikator)

auth-totp-title = Kode verifikasi
auth-totp-lead = Buka aplikasi autentikator di ponsel Anda, lalu masukkan kode 6 angka untuk akun ini.
auth-totp-code = Kode 6 angka
auth-totp-code-hint = Kode berganti setiap 30 detik.
auth-totp-submit = Verifikasi
auth-totp-lost = Ponsel hilang atau diganti? Minta pengelola MPP menghapus faktor kedua akun Anda, lalu daftarkan aplikasi baru.
auth-totp-wrong = Kode tidak cocok. Periksa jam ponsel Anda dan masukkan kode yang sedang tampil.
auth-totp-used = Kode ini sudah dipakai. Tunggu kode berikutnya muncul di aplikasi, lalu masukkan kode baru itu.
auth-enrol-title = Aktifkan verifikasi dua langkah
auth-enrol-lead = Akun petugas dilindungi dengan kode dari aplikasi autentikator, selain kata sandi. Langkah ini hanya sekali.
auth-enrol-step-app = Pasang aplikasi autentikator di ponsel Anda, misalnya Google Authenticator, Microsoft Authenticator, Aegis, atau FreeOTP.
auth-enrol-step-scan = Di aplikasi, pilih tambah akun, lalu pindai kode QR ini.
auth-enrol-qr-alt = Kode QR untuk aplikasi autentikator
auth-enrol-manual = Tidak bisa memindai? Ketik kunci ini di aplikasi:
auth-enrol-uri = Alamat otpauth (untuk pengelola kata sandi)
auth-enrol-step-code = Masukkan kode 6 angka yang tampil di aplikasi untuk mengakhiri pendaftaran.
auth-enrol-submit = Aktifkan

## Pendaftaran warga

auth-register-title = Daftar akun warga
auth-register-lead = Dengan akun, Anda dapat mengajukan permohonan, mengikuti perkembangannya, dan menyampaikan pengaduan. Data Anda hanya dipakai untuk layanan ini.
auth-name = Nama lengkap
auth-password-hint = Paling sedikit 10 karakter; jangan hanya angka.
auth-password-again = Ulangi kata sandi
auth-nik = NIK
auth-nik-hint = 16 angka, sesuai KTP-el atau Kartu Keluarga.
auth-phone = Nomor telepon
auth-phone-hint = Misalnya 0812 3456 7890.
auth-register-submit = Daftar
auth-have-account = Sudah punya akun?
auth-err-email-taken = Alamat e-mail ini sudah terdaftar. Masuk dengan alamat ini, atau gunakan alamat lain.

## Akun

auth-account-title = Akun saya
auth-welcome = Akun Anda sudah dibuat dan Anda sudah masuk.
auth-role = Peran
auth-organisation = Instansi
auth-totp-status = Verifikasi dua langkah
auth-totp-on = Aktif
auth-totp-off = Belum aktif
auth-account-links = Tautan
auth-password-title = Ganti kata sandi
auth-password-lead = Setelah kata sandi diganti, semua sesi lain akun ini di perangkat lain berakhir.
auth-password-current = Kata sandi saat ini
auth-password-new = Kata sandi baru
auth-password-changed = Kata sandi sudah diganti. Sesi di perangkat lain telah diakhiri.
auth-must-change = Kata sandi Anda dibuat oleh pengelola. Buat kata sandi sendiri sebelum melanjutkan.
auth-err-current-wrong = Kata sandi saat ini salah.
auth-err-password-same = Kata sandi baru harus berbeda dari kata sandi saat ini.

## Pengguna (konsol)

users-new = Tambah pengguna
users-new-lead = Buat akun petugas. Sampaikan kata sandi awal secara langsung; pemilik akun wajib menggantinya saat pertama kali masuk, lalu mendaftarkan aplikasi autentikator.
users-search = Cari nama atau e-mail
users-all-orgs = Semua instansi
users-all-roles = Semua peran
users-status = Status
users-active = Aktif
users-disabled = Nonaktif
users-must-change = Wajib ganti sandi
users-locked = Terkunci sampai
users-choose = Pilih peran
users-no-org = Tanpa instansi (peran seluruh MPP)
users-first-password = Kata sandi awal
users-first-password-hint = Paling sedikit 10 karakter. Pemilik akun wajib menggantinya saat masuk.
auth-err-org-required = Pilih instansi: peran ini bekerja untuk satu instansi.
users-reset-title = Atur ulang kata sandi
users-reset-lead = Semua sesi akun ini berakhir, dan pemiliknya wajib membuat kata sandi baru saat masuk.
users-reset-submit = Atur ulang kata sandi
users-totp-title = Hapus verifikasi dua langkah
users-totp-lead = Untuk ponsel yang hilang atau diganti: pemilik akun mendaftarkan aplikasi autentikator lagi saat masuk berikutnya.
users-totp-submit = Hapus verifikasi dua langkah
users-disable-lead = Akun nonaktif tidak dapat masuk, dan semua sesinya langsung berakhir. Riwayat kerjanya tetap tersimpan.
users-disable = Nonaktifkan akun
users-enable = Aktifkan kembali
auth-err-disable-self = Anda tidak dapat menonaktifkan akun Anda sendiri.
users-done-dibuat = Pengguna sudah dibuat.
users-done-sandi = Kata sandi sudah diatur ulang dan semua sesi akun ini diakhiri.
users-done-totp = Verifikasi dua langkah sudah dihapus.
users-done-nonaktif = Akun sudah dinonaktifkan dan semua sesinya diakhiri.
users-done-aktif = Akun sudah diaktifkan kembali.

## Token API (konsol)

tokens-lead = Token API dipakai sistem lain (misalnya aplikasi instansi) untuk mengakses API Balai. Setiap token terbatas pada satu instansi dan izin yang dipilih, dan dapat dicabut kapan saja.
tokens-name = Nama token
tokens-name-hint = Untuk apa token ini, misalnya "Sinkronisasi SIAK Disdukcapil".
tokens-permissions = Izin
tokens-created = Dibuat
tokens-mall-wide = Seluruh MPP
tokens-status-revoked = Dicabut
tokens-revoke = Cabut
tokens-revoked = Token sudah dicabut dan tidak dapat dipakai lagi.
tokens-new = Buat token baru
tokens-create = Buat token
auth-err-permissions-empty = Pilih paling sedikit satu izin.
tokens-created-title = Token dibuat
tokens-shown-once = Salin token ini sekarang. Token hanya ditampilkan sekali ini; Balai hanya menyimpan sidik kriptografisnya. Bila hilang, cabut token ini dan buat yang baru.
tokens-value = Token
tokens-usage = Kirim token pada setiap permintaan API dengan kepala
tokens-done = Selesai
