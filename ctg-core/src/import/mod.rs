//! Plan documents read into ctg plans (issue 13). Placeholder module until the text
//! importer lands: for now only the `.docx` reader, which turns a Word document into the
//! text export form the importer reads.

pub(crate) mod docx;

pub use docx::{docx_to_text, DocxError, XmlFault, MAX_UNCOMPRESSED_BYTES, MAX_XML_DEPTH};
