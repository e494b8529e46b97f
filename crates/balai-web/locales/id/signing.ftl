# Pesan penandatanganan dokumen (balai-docs, kunci tercantum di crates/balai-docs/src/sign/mod.rs).
err-sign-passphrase-weak = Frasa sandi tanda tangan terlalu lemah: gunakan paling sedikit 12 karakter, jangan hanya angka atau satu karakter berulang.
err-sign-passphrase-wrong = Frasa sandi tanda tangan salah; dokumen belum ditandatangani. Periksa lalu coba lagi.
err-sign-key-unusable = Kunci tanda tangan Anda tidak dapat dipakai; minta administrator mendaftarkan kunci baru.
err-sign-field-invalid = Data dokumen yang akan ditandatangani tidak lengkap atau memuat karakter yang tidak diizinkan.
err-sign-render = Dokumen tidak dapat dibuat, sehingga belum ditandatangani; hubungi administrator.
err-sign-credential = Cara pembuktian ini tidak dapat dipakai untuk penanda tangan ini.
err-sign-not-registered = Penanda tangan belum terdaftar di layanan tanda tangan elektronik (BSrE).
err-sign-cert-expired = Sertifikat elektronik penanda tangan sudah kedaluwarsa; perbarui di BSrE.
err-sign-cert-revoked = Sertifikat elektronik penanda tangan dicabut atau ditangguhkan.
err-sign-cert-not-issued = Sertifikat elektronik penanda tangan belum terbit; selesaikan pendaftaran di BSrE.
err-sign-service-unavailable = Layanan tanda tangan elektronik sedang tidak dapat dihubungi; dokumen belum ditandatangani. Coba lagi beberapa saat lagi.
err-sign-service-refused = Layanan tanda tangan elektronik menolak permintaan ini; dokumen belum ditandatangani. Hubungi administrator.
