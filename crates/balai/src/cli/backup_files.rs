//! The uploaded files beside a database backup: copied to `<backup>.files/` with a manifest of
//! SHA-256 sums, checked again before a restore puts them back.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::backup::sha256_file;

const MANIFEST: &str = "MANIFEST.sha256";

/// Where the files of backup `db_file` go.
pub fn files_dir_of(db_file: &Path) -> PathBuf {
    let mut p = db_file.as_os_str().to_owned();
    p.push(".files");
    PathBuf::from(p)
}

/// Every regular file under `root`, as paths relative to it, sorted.
fn walk(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?
        {
            let entry = entry?;
            let name = rel.join(entry.file_name());
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push(name);
            } else if kind.is_file() {
                out.push(name);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Copies `files` into `dest` and writes the manifest; returns how many files were copied.
pub fn copy_out(files: &Path, dest: &Path) -> Result<usize> {
    if !files.is_dir() {
        return Ok(0);
    }
    let list = walk(files)?;
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    let mut manifest = String::new();
    for rel in &list {
        let target = dest.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(files.join(rel), &target)
            .with_context(|| format!("cannot copy {}", rel.display()))?;
        manifest.push_str(&format!("{}  {}\n", sha256_file(&target)?, rel.display()));
    }
    std::fs::write(dest.join(MANIFEST), manifest).context("cannot write the files manifest")?;
    Ok(list.len())
}

/// Checks every file of a backup's files folder against its manifest.
pub fn verify(src: &Path) -> Result<Vec<PathBuf>> {
    let manifest = std::fs::read_to_string(src.join(MANIFEST))
        .with_context(|| format!("the files manifest in {} is missing", src.display()))?;
    let mut list = Vec::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let Some((sum, rel)) = line.split_once("  ") else {
            bail!("the files manifest in {} is damaged", src.display());
        };
        let rel = PathBuf::from(rel);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| matches!(c, std::path::Component::ParentDir))
        {
            bail!(
                "the files manifest names a path outside the backup: {}",
                rel.display()
            );
        }
        if sha256_file(&src.join(&rel))? != sum {
            bail!(
                "the backed-up file {} does not match its checksum: it is damaged or was changed",
                rel.display()
            );
        }
        list.push(rel);
    }
    Ok(list)
}

/// Copies verified files back into `files`.
pub fn copy_in(src: &Path, list: &[PathBuf], files: &Path) -> Result<()> {
    for rel in list {
        let target = files.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::copy(src.join(rel), &target)
            .with_context(|| format!("cannot restore {}", rel.display()))?;
    }
    Ok(())
}
