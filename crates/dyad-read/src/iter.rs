//! The iterator over all inputs: paths, directory walks and stdin, one input at a time.

use crate::detect::{name_info, relative_base};
use crate::source::{open_file, open_stdin, Items};
use crate::{Input, Item, ReadOptions, Skip, SkipReason};
use std::collections::VecDeque;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Streams the documents and skips of a list of inputs; made by [`read_inputs`](crate::read_inputs).
///
/// Inputs are opened lazily, one at a time, so a long list costs nothing up front.
pub struct ReadIter {
    inputs: VecDeque<Input>,
    opts: ReadOptions,
    walk: Option<DirWalk>,
    current: Option<Items>,
    /// The input being read, for reporting a caught panic.
    current_input: String,
}

struct DirWalk {
    root: PathBuf,
    entries: Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>> + Send>,
}

impl ReadIter {
    pub(crate) fn new(inputs: Vec<Input>, opts: ReadOptions) -> Self {
        ReadIter {
            inputs: inputs.into(),
            opts,
            walk: None,
            current: None,
            current_input: String::new(),
        }
    }

    fn next_item(&mut self) -> Option<Item> {
        loop {
            if let Some(items) = &mut self.current {
                if let Some(item) = items.next() {
                    return Some(item);
                }
                self.current = None;
            }
            if let Some(walk) = &mut self.walk {
                match walk.entries.next() {
                    None => self.walk = None,
                    Some(Err(e)) => return Some(walk_error(&walk.root, &e)),
                    Some(Ok(entry)) => {
                        if entry.file_type().is_dir() {
                            continue;
                        }
                        let rel = entry
                            .path()
                            .strip_prefix(&walk.root)
                            .unwrap_or(entry.path());
                        let base = relative_base(rel);
                        self.current_input = entry.path().display().to_string();
                        self.current = Some(open_file(entry.path(), base, true, self.opts));
                    }
                }
                continue;
            }
            let input = self.inputs.pop_front()?;
            self.current_input = input.to_string();
            match input {
                Input::Stdin => self.current = Some(open_stdin(self.opts)),
                Input::Path(path) => match fs::metadata(&path) {
                    Err(e) => return Some(skip(&path, SkipReason::unreadable(&e))),
                    Ok(meta) if meta.is_dir() => self.walk = Some(DirWalk::new(path)),
                    Ok(_) => {
                        let name = path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let base = name_info(&name).stem;
                        self.current = Some(open_file(&path, base, false, self.opts));
                    }
                },
            }
        }
    }
}

impl Iterator for ReadIter {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        // A safety net: a bug in a reader ends that input with a report, not the run.
        match catch_unwind(AssertUnwindSafe(|| self.next_item())) {
            Ok(item) => item,
            Err(panic) => {
                self.current = None;
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panic".to_string());
                Some(Item::Skip(Skip {
                    input: self.current_input.clone(),
                    record: None,
                    reason: SkipReason::Internal(message),
                }))
            }
        }
    }
}

impl std::iter::FusedIterator for ReadIter {}

impl DirWalk {
    fn new(root: PathBuf) -> Self {
        let entries = walkdir::WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        DirWalk {
            root,
            entries: Box::new(entries),
        }
    }
}

fn skip(path: &Path, reason: SkipReason) -> Item {
    Item::Skip(Skip {
        input: path.display().to_string(),
        record: None,
        reason,
    })
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Item {
    let path = e.path().unwrap_or(root);
    let reason = match e.io_error() {
        Some(io) => SkipReason::unreadable(io),
        None => SkipReason::Unreadable {
            error: e.to_string(),
            hint: "remove the symbolic link loop".into(),
        },
    };
    skip(path, reason)
}
