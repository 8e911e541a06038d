//! Apache Parquet export: the [`COLUMNS`](crate::COLUMNS) with Arrow types.

use crate::flat::{fields, from_fields, COLUMNS};
use crate::ExportError;
use arrow_array::builder::{
    BooleanBuilder, Float32Builder, Int64Builder, StringBuilder, UInt32Builder, UInt8Builder,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float32Array, Int64Array, RecordBatch, StringArray, UInt32Array,
    UInt8Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use dyad_core::EventRecord;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Events per row group: bounds the memory an export holds (~30 MB of events).
const ROW_GROUP: usize = 65_536;

fn column_type(name: &str) -> (DataType, bool) {
    match name {
        "id" => (DataType::Int64, false),
        "linked_event" => (DataType::Int64, true),
        "mutual" => (DataType::Boolean, false),
        "quad_class" => (DataType::UInt8, false),
        "goldstein" => (DataType::Float32, false),
        "mentions" | "sources" | "articles" => (DataType::UInt32, false),
        "sentence_index" => (DataType::UInt32, true),
        "date_precision" | "cameo" | "root" | "plover_type" | "added_at" => (DataType::Utf8, false),
        _ => (DataType::Utf8, true),
    }
}

fn schema() -> SchemaRef {
    Arc::new(Schema::new(
        COLUMNS
            .iter()
            .map(|c| {
                let (t, nullable) = column_type(c);
                Field::new(*c, t, nullable)
            })
            .collect::<Vec<_>>(),
    ))
}

fn err(e: impl std::fmt::Display) -> ExportError {
    ExportError::Parquet(e.to_string())
}

/// A streaming Parquet writer that flushes a row group every [`ROW_GROUP`] events.
pub(crate) struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    pending: Vec<[String; 28]>,
}

impl<W: Write + Send> ParquetSink<W> {
    pub(crate) fn new(w: W) -> Result<Self, ExportError> {
        let schema = schema();
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP))
            .build();
        let writer = ArrowWriter::try_new(w, schema.clone(), Some(props)).map_err(err)?;
        Ok(ParquetSink {
            writer,
            schema,
            pending: Vec::new(),
        })
    }

    pub(crate) fn push(&mut self, e: &EventRecord) -> Result<(), ExportError> {
        self.pending.push(fields(e));
        if self.pending.len() >= ROW_GROUP {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ExportError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(COLUMNS.len());
        for (i, name) in COLUMNS.iter().enumerate() {
            let cell =
                |r: &[String; 28]| -> Option<String> { (!r[i].is_empty()).then(|| r[i].clone()) };
            let parse_fail = |v: &str| err(format!("column {name}: {v:?} does not parse"));
            let array: ArrayRef = match column_type(name).0 {
                DataType::Int64 => {
                    let mut b = Int64Builder::with_capacity(rows.len());
                    for r in &rows {
                        match cell(r) {
                            Some(v) => b.append_value(v.parse().map_err(|_| parse_fail(&v))?),
                            None => b.append_null(),
                        }
                    }
                    Arc::new(b.finish())
                }
                DataType::UInt32 => {
                    let mut b = UInt32Builder::with_capacity(rows.len());
                    for r in &rows {
                        match cell(r) {
                            Some(v) => b.append_value(v.parse().map_err(|_| parse_fail(&v))?),
                            None => b.append_null(),
                        }
                    }
                    Arc::new(b.finish())
                }
                DataType::UInt8 => {
                    let mut b = UInt8Builder::with_capacity(rows.len());
                    for r in &rows {
                        let v = &r[i];
                        b.append_value(v.parse().map_err(|_| parse_fail(v))?);
                    }
                    Arc::new(b.finish())
                }
                DataType::Float32 => {
                    let mut b = Float32Builder::with_capacity(rows.len());
                    for r in &rows {
                        let v = &r[i];
                        b.append_value(v.parse().map_err(|_| parse_fail(v))?);
                    }
                    Arc::new(b.finish())
                }
                DataType::Boolean => {
                    let mut b = BooleanBuilder::with_capacity(rows.len());
                    for r in &rows {
                        b.append_value(r[i] == "true");
                    }
                    Arc::new(b.finish())
                }
                _ => {
                    let nullable = column_type(name).1;
                    let mut b = StringBuilder::new();
                    for r in &rows {
                        match cell(r) {
                            Some(v) => b.append_value(v),
                            None if nullable => b.append_null(),
                            None => b.append_value(""),
                        }
                    }
                    Arc::new(b.finish())
                }
            };
            columns.push(array);
        }
        let batch = RecordBatch::try_new(self.schema.clone(), columns).map_err(err)?;
        self.writer.write(&batch).map_err(err)
    }

    pub(crate) fn finish(mut self) -> Result<(), ExportError> {
        self.flush_batch()?;
        self.writer.close().map_err(err)?;
        Ok(())
    }
}

/// One cell as the string [`from_fields`] expects (`None` for null).
fn cell(a: &dyn Array, row: usize) -> Option<String> {
    if a.is_null(row) {
        return None;
    }
    let any = a.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Some(a.value(row).to_owned());
    }
    if let Some(a) = any.downcast_ref::<Int64Array>() {
        return Some(a.value(row).to_string());
    }
    if let Some(a) = any.downcast_ref::<UInt32Array>() {
        return Some(a.value(row).to_string());
    }
    if let Some(a) = any.downcast_ref::<UInt8Array>() {
        return Some(a.value(row).to_string());
    }
    if let Some(a) = any.downcast_ref::<Float32Array>() {
        return Some(a.value(row).to_string());
    }
    any.downcast_ref::<BooleanArray>()
        .map(|a| a.value(row).to_string())
}

pub(crate) fn read(bytes: Vec<u8>) -> Result<Vec<EventRecord>, ExportError> {
    let reader = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(bytes))
        .map_err(err)?
        .build()
        .map_err(err)?;
    let mut out = Vec::new();
    for batch in reader {
        let batch = batch.map_err(err)?;
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        if names != COLUMNS {
            return Err(err("the file's columns are not dyad's event layout"));
        }
        for row in 0..batch.num_rows() {
            let cells: Vec<Option<String>> = batch
                .columns()
                .iter()
                .map(|c| cell(c.as_ref(), row))
                .collect();
            let refs: Vec<Option<&str>> = cells.iter().map(Option::as_deref).collect();
            out.push(from_fields(&refs).map_err(|message| ExportError::Parse {
                line: out.len() as u64 + 1,
                message,
            })?);
        }
    }
    Ok(out)
}
