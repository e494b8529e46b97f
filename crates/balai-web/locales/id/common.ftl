## Teks bersama: tata letak, navigasi, tombol, kesalahan, peran, validasi.
## Bahasa Indonesia adalah bahasa utama; setiap kunci juga ada di ../en/common.ftl.

## Tata letak publik

skip-link = Langsung ke isi utama
nav-label = Navigasi utama
nav-home = Beranda
nav-services = Layanan
nav-organisations = Instansi
nav-announcements = Pengumuman
nav-regulations = Regulasi
lang-switch = Ganti bahasa
signed-in-as = Masuk sebagai
login = Masuk
logout = Keluar
account = Akun saya
console = Konsol petugas
footer-regulations = Regulasi
footer-api = API
footer-software = Balai — perangkat lunak sumber terbuka

## Konsol petugas

console-nav-label = Menu konsol
console-public-site = Situs publik
console-overview = Ringkasan
console-dashboard = Ringkasan
console-organisations = Instansi
console-counters = Gerai
console-officers = Petugas
console-services = Layanan & Standar
console-consultation = Konsultasi publik
console-charters = Maklumat
console-announcements = Pengumuman
console-calendar = Kalender & tenggat
console-users = Pengguna
console-tokens = Token API
console-audit = Jejak audit
console-account = Akun saya

## Navigasi di dalam halaman

breadcrumb-label = Lokasi halaman
pagination-label = Navigasi halaman
page-number = Halaman { $number }
page-of = Halaman { $number } dari { $total }
no-results = Tidak ada data yang cocok.
optional = opsional

## Tombol dan jawaban

save = Simpan
cancel = Batal
search = Cari
filter = Terapkan saringan
filter-reset = Hapus saringan
next = Berikutnya
previous = Sebelumnya
back = Kembali
submit = Kirim
add = Tambah
edit = Ubah
delete = Hapus
close = Tutup
details = Lihat rincian
download = Unduh
print = Cetak
yes = Ya
no = Tidak
free = Gratis

## Peran pengguna

role-warga = Warga
role-petugas = Petugas
role-tim-teknis = Tim teknis
role-pejabat = Pejabat penanda tangan
role-pengelola-pengaduan = Pengelola pengaduan
role-admin-mpp = Pengelola MPP
role-pimpinan = Pimpinan
role-auditor = Auditor

## Halaman kesalahan

error-code = Kode kesalahan
error-home = Kembali ke beranda
error-services = Lihat daftar layanan
error-400-title = Permintaan tidak dapat diproses
error-400-body = Data yang dikirim tidak lengkap atau formatnya tidak sesuai. Kembali ke halaman sebelumnya, periksa isian, lalu coba lagi.
error-401-title = Silakan masuk terlebih dahulu
error-401-body = Halaman ini hanya dapat dibuka setelah Anda masuk ke akun Anda.
error-403-title = Akses ditolak
error-403-body = Akun Anda tidak memiliki izin untuk membuka halaman ini. Hubungi pengelola MPP jika Anda memerlukan akses.
error-csrf-title = Formulir sudah kedaluwarsa
error-csrf-body = Demi keamanan, formulir hanya berlaku selama sesi Anda masih aktif. Muat ulang halaman, isi kembali bila perlu, lalu kirim lagi.
error-404-title = Halaman tidak ditemukan
error-404-body = Halaman yang Anda cari tidak ada atau sudah dipindahkan. Periksa kembali alamatnya, atau mulai dari beranda.
error-409-title = Perubahan tidak dapat disimpan
error-409-body = Data ini sudah berubah, atau bertentangan dengan data lain, sejak halaman dibuka. Muat ulang halaman untuk melihat versi terbaru, lalu ulangi perubahan Anda.
error-413-title = Berkas terlalu besar
error-413-body = Ukuran berkas atau data yang dikirim melebihi batas. Perkecil berkas, misalnya dengan memindai ulang pada resolusi lebih rendah, lalu unggah lagi.
error-429-title = Terlalu banyak permintaan
error-429-body = Anda mengirim terlalu banyak permintaan dalam waktu singkat. Tunggu beberapa menit, lalu coba lagi.
error-500-title = Terjadi gangguan pada sistem
error-500-body = Maaf, permintaan Anda belum dapat diproses karena gangguan di sisi kami. Kejadian ini sudah dicatat. Silakan coba lagi beberapa saat lagi.
error-503-title = Layanan sedang tidak tersedia
error-503-body = Sistem sedang dalam pemeliharaan atau sangat sibuk. Silakan coba lagi beberapa saat lagi.

## Validasi formulir

# Pesan dengan angka ($max, $min: bilangan) memakai pilihan: bila dipanggil tanpa angka
# (mis. lewat FieldErrors yang hanya membawa kunci), varian bawaan [unknown] tanpa angka yang tampil.
form-errors-summary = Periksa isian yang ditandai
err-required = Wajib diisi.
err-too-long = { $max ->
   *[unknown] Terlalu panjang.
    [other] Terlalu panjang: paling banyak { $max } karakter.
}
err-too-short = { $min ->
   *[unknown] Terlalu pendek.
    [other] Terlalu pendek: paling sedikit { $min } karakter.
}
err-invalid-date = Tanggal tidak valid.
err-date-order = Tanggal selesai tidak boleh sebelum tanggal mulai.
err-invalid-number = Isi dengan angka.
err-out-of-range = { $min ->
   *[unknown] Angka di luar batas yang diizinkan.
    [other] Isi dengan angka antara { $min } dan { $max }.
}
err-invalid-choice = Pilih salah satu pilihan yang tersedia.
err-duplicate = Data ini sudah terdaftar.
err-file-too-large = { $max ->
   *[unknown] Berkas terlalu besar.
    [other] Berkas terlalu besar: paling besar { $max } MB.
}
err-file-type = Jenis berkas tidak diterima. Gunakan PDF, JPEG, atau PNG.
err-password-mismatch = Kata sandi dan konfirmasinya tidak sama.
err-password-too-short = { $min ->
   *[unknown] Kata sandi terlalu pendek.
    [other] Kata sandi terlalu pendek: paling sedikit { $min } karakter.
}
