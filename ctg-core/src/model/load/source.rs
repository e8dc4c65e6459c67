//! The plan document, parsed once, with the source span of every node.
//!
//! TOML is read with the `toml` parser's spans (the `serde_spanned` protocol that
//! `toml::Spanned` uses, asked of every node, so that implicit tables — which have no span —
//! read too). JSON is read with `serde_json`, which keeps no spans: when a problem needs a
//! line, [`attach_json_spans`] finds them with one structural scan of the text.
//!
//! The typed model is then deserialised from the tree ([`typed`]), so that a schema error
//! says which node it is about (its path and span), without reading the source again.

// Without TOML plans the span-asking visitors below have no reader to serve; the default
// build checks them.
#![cfg_attr(not(feature = "toml"), allow(dead_code))]

use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess};
use serde::de::{EnumAccess, VariantAccess, Visitor};

use crate::problem::Segment;

/// One node of the document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// Where the node is in the source (bytes), when known.
    pub span: Option<Range<usize>>,
    /// What it holds.
    pub value: Value,
}

/// The value of a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Node>),
    Table(Vec<Entry>),
}

/// One key of a table, with its node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// The key as written.
    pub key: String,
    /// Where the key is in the source, when known.
    pub key_span: Option<Range<usize>>,
    /// Its value.
    pub node: Node,
}

impl Node {
    fn plain(value: Value) -> Self {
        Node { span: None, value }
    }

    /// The entries of a table (none for other nodes).
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Table(entries) => entries,
            _ => &[],
        }
    }

    /// The items of an array (none for other nodes).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Array(items) => items,
            _ => &[],
        }
    }

    /// The first entry whose key is one of `keys`, in the order of `keys`.
    pub fn entry(&self, keys: &[&str]) -> Option<&Entry> {
        keys.iter()
            .find_map(|k| self.entries().iter().find(|e| e.key == *k))
    }

    /// The value of the first entry whose key is one of `keys`.
    pub fn get(&self, keys: &[&str]) -> Option<&Node> {
        self.entry(keys).map(|e| &e.node)
    }

    /// [`Node::get`], to change it.
    pub fn get_mut(&mut self, keys: &[&str]) -> Option<&mut Node> {
        let key = keys
            .iter()
            .find(|k| self.entries().iter().any(|e| e.key == **k))?;
        match &mut self.value {
            Value::Table(entries) => entries
                .iter_mut()
                .find(|e| e.key == *key)
                .map(|e| &mut e.node),
            _ => None,
        }
    }

    /// The items of an array, to change them.
    pub fn items_mut(&mut self) -> &mut [Node] {
        match &mut self.value {
            Value::Array(items) => items,
            _ => &mut [],
        }
    }

    /// Remove a key from a table.
    pub fn remove(&mut self, key: &str) {
        if let Value::Table(entries) = &mut self.value {
            entries.retain(|e| e.key != key);
        }
    }

    /// The text of a string node.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value of an integer node.
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The node as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Table(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.node.to_json()))
                    .collect(),
            ),
        }
    }

    /// The node at the end of `path`, and the entry that holds it (for its key's span).
    /// Keys are matched as written, then through `aliases` (the other names a key may be
    /// written under); numbers index arrays.
    pub fn find(
        &self,
        path: &[Segment],
        aliases: impl Fn(&str) -> &'static [&'static str] + Copy,
    ) -> (Vec<&Node>, Option<&Entry>) {
        let mut trail = vec![self];
        let mut last = None;
        let mut node = self;
        for step in path {
            match step {
                Segment::Key(k) => {
                    let entry = node
                        .entries()
                        .iter()
                        .find(|e| e.key == *k)
                        .or_else(|| node.entry(aliases(k)));
                    match entry {
                        Some(e) => {
                            last = Some(e);
                            node = &e.node;
                        }
                        None => break,
                    }
                }
                Segment::Index(i) => {
                    let item = usize::try_from(*i).ok().and_then(|i| node.items().get(i));
                    match item {
                        Some(n) => {
                            last = None;
                            node = n;
                        }
                        None => break,
                    }
                }
            }
            trail.push(node);
        }
        (trail, last)
    }
}

impl From<serde_json::Value> for Node {
    fn from(v: serde_json::Value) -> Self {
        use serde_json::Value as J;
        Node::plain(match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Value::Str(s),
            J::Array(items) => Value::Array(items.into_iter().map(Node::from).collect()),
            J::Object(map) => Value::Table(
                map.into_iter()
                    .map(|(key, v)| Entry {
                        key,
                        key_span: None,
                        node: Node::from(v),
                    })
                    .collect(),
            ),
        })
    }
}

// --- TOML, with spans ---------------------------------------------------------------------

/// The names of the `serde_spanned` protocol (`toml::Spanned`): a deserialiser that knows
/// where a value is answers a struct of this name with its start, end and value.
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const START: &str = "$__serde_spanned_private_start";
const END: &str = "$__serde_spanned_private_end";
const VALUE: &str = "$__serde_spanned_private_value";
const SPANNED_FIELDS: &[&str] = &[START, END, VALUE];
/// The key under which `toml` hands a date-time.
const DATETIME: &str = "$__toml_private_datetime";

/// Parse a TOML document into a tree with spans.
#[cfg(feature = "toml")]
pub(crate) fn parse_toml(src: &str) -> Result<Node, toml::de::Error> {
    SpannedNode.deserialize(toml::de::Deserializer::new(src))
}

/// Deserialises a node, asking for its span.
struct SpannedNode;

impl<'de> DeserializeSeed<'de> for SpannedNode {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, NodeVisitor)
    }
}

/// Deserialises the value inside a span.
struct PlainNode;

impl<'de> DeserializeSeed<'de> for PlainNode {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// A key, with its span when the deserialiser gives it.
struct SpannedKey;

struct Key {
    text: String,
    span: Option<Range<usize>>,
}

impl<'de> DeserializeSeed<'de> for SpannedKey {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key {
            text: v.to_string(),
            span: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key, A::Error> {
        let (mut start, mut end, mut text) = (0, 0, String::new());
        while let Some(k) = map.next_key::<String>()? {
            match k.as_str() {
                START => start = map.next_value()?,
                END => end = map.next_value()?,
                _ => text = map.next_value()?,
            }
        }
        Ok(Key {
            text,
            span: Some(start..end),
        })
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::plain(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::plain(Value::Int(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::plain(match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(v as f64),
        }))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::plain(Value::Float(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::plain(Value::Str(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::plain(Value::Str(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::plain(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::plain(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(SpannedNode)? {
            items.push(item);
        }
        Ok(Node::plain(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let Some(first) = map.next_key_seed(SpannedKey)? else {
            return Ok(Node::plain(Value::Table(Vec::new())));
        };
        if first.span.is_none() && first.text == START {
            // A spanned value: its start, end, then the value itself.
            let start: usize = map.next_value()?;
            let mut end = start;
            let mut node = Node::plain(Value::Null);
            while let Some(k) = map.next_key_seed(SpannedKey)? {
                if k.text == END {
                    end = map.next_value()?;
                } else {
                    node = map.next_value_seed(PlainNode)?;
                }
            }
            node.span = Some(start..end);
            return Ok(node);
        }
        if first.span.is_none() && first.text == DATETIME {
            let text: String = map.next_value()?;
            return Ok(Node::plain(Value::Str(text)));
        }
        let mut entries = Vec::new();
        let node = map.next_value_seed(SpannedNode)?;
        entries.push(Entry {
            key: first.text,
            key_span: first.span,
            node,
        });
        while let Some(k) = map.next_key_seed(SpannedKey)? {
            let node = map.next_value_seed(SpannedNode)?;
            entries.push(Entry {
                key: k.text,
                key_span: k.span,
                node,
            });
        }
        Ok(Node::plain(Value::Table(entries)))
    }
}

// --- JSON spans ---------------------------------------------------------------------------

/// Give the nodes of a tree read from JSON text their spans, by one structural scan of
/// the text (which `serde_json` already accepted). Keys are matched as written; a node the
/// scan cannot match keeps no span.
pub(crate) fn attach_json_spans(src: &str, root: &mut Node) {
    let mut scan = Scan {
        src,
        bytes: src.as_bytes(),
        at: 0,
    };
    let _ = scan.value(root);
}

/// A key written twice in one JSON object: the path of its object, the key, and the byte
/// offset of its second occurrence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DuplicateKey {
    /// The object's path (keys as written, list positions).
    pub path: Vec<Segment>,
    /// The key.
    pub key: String,
    /// Where the repeated key is (bytes).
    pub offset: usize,
}

/// The keys written twice in an object of a JSON text (`serde_json` keeps the last one
/// silently), found with the same structural scan as [`attach_json_spans`]; the text is
/// valid JSON (`serde_json` read it first).
pub(crate) fn json_duplicate_keys(src: &str) -> Vec<DuplicateKey> {
    let mut scan = Scan {
        src,
        bytes: src.as_bytes(),
        at: 0,
    };
    let mut out = Vec::new();
    let _ = scan.duplicates(&mut Vec::new(), &mut out);
    out
}

struct Scan<'a> {
    src: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.skip_ws();
        (self.peek() == Some(b)).then(|| self.at += 1)
    }

    /// Skip a string (at its opening quote); its text, unescaped.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    break;
                }
                _ => self.at += 1,
            }
        }
        serde_json::from_str(self.src.get(start..self.at)?).ok()
    }

    /// Scan one value, collecting the keys written twice in its objects.
    fn duplicates(&mut self, path: &mut Vec<Segment>, out: &mut Vec<DuplicateKey>) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'{' => {
                self.at += 1;
                if self.eat(b'}').is_none() {
                    // A set: an object of 100,000 keys is one pass, not 10^10 comparisons.
                    let mut seen: std::collections::HashSet<String> =
                        std::collections::HashSet::new();
                    loop {
                        self.skip_ws();
                        let key_start = self.at;
                        let key = self.string()?;
                        if !seen.insert(key.clone()) {
                            out.push(DuplicateKey {
                                path: path.clone(),
                                key: key.clone(),
                                offset: key_start,
                            });
                        }
                        self.eat(b':')?;
                        path.push(Segment::from(key));
                        let inner = self.duplicates(path, out);
                        path.pop();
                        inner?;
                        if self.eat(b',').is_none() {
                            self.eat(b'}')?;
                            break;
                        }
                    }
                }
            }
            b'[' => {
                self.at += 1;
                if self.eat(b']').is_none() {
                    let mut i = 0usize;
                    loop {
                        path.push(Segment::from(i));
                        let inner = self.duplicates(path, out);
                        path.pop();
                        inner?;
                        i += 1;
                        if self.eat(b',').is_none() {
                            self.eat(b']')?;
                            break;
                        }
                    }
                }
            }
            b'"' => {
                self.string()?;
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
            }
        }
        Some(())
    }

    /// Scan one value into `node`.
    fn value(&mut self, node: &mut Node) -> Option<()> {
        self.skip_ws();
        let start = self.at;
        match self.peek()? {
            b'{' => {
                self.at += 1;
                if self.eat(b'}').is_none() {
                    // Each key's entry (the last one written, as serde_json keeps), found
                    // by one lookup: an object of many keys is not scanned once per key.
                    let last: std::collections::HashMap<String, usize> = match &node.value {
                        Value::Table(entries) => entries
                            .iter()
                            .enumerate()
                            .map(|(i, e)| (e.key.clone(), i))
                            .collect(),
                        _ => std::collections::HashMap::new(),
                    };
                    loop {
                        self.skip_ws();
                        let key_start = self.at;
                        let key = self.string()?;
                        let key_span = key_start..self.at;
                        self.eat(b':')?;
                        let mut spare = Node::plain(Value::Null);
                        let target = match &mut node.value {
                            Value::Table(entries) => {
                                match last.get(&key).and_then(|&i| entries.get_mut(i)) {
                                    Some(e) => {
                                        e.key_span = Some(key_span);
                                        &mut e.node
                                    }
                                    None => &mut spare,
                                }
                            }
                            _ => &mut spare,
                        };
                        self.value(target)?;
                        if self.eat(b',').is_none() {
                            self.eat(b'}')?;
                            break;
                        }
                    }
                }
            }
            b'[' => {
                self.at += 1;
                if self.eat(b']').is_none() {
                    let mut i = 0;
                    loop {
                        let mut spare = Node::plain(Value::Null);
                        let target = match &mut node.value {
                            Value::Array(items) => items.get_mut(i).unwrap_or(&mut spare),
                            _ => &mut spare,
                        };
                        self.value(target)?;
                        i += 1;
                        if self.eat(b',').is_none() {
                            self.eat(b']')?;
                            break;
                        }
                    }
                }
            }
            b'"' => {
                self.string()?;
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
            }
        }
        node.span = Some(start..self.at);
        Some(())
    }
}

// --- the typed model from the tree --------------------------------------------------------

/// A deserialisation error of the typed pass: serde's message, the path of the node it is
/// about (keys as written, list positions), its span when known, and whether it is about
/// the key rather than the value (an unknown field).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TreeError {
    pub message: String,
    pub path: Vec<Segment>,
    pub span: Option<Range<usize>>,
    pub on_key: bool,
}

impl TreeError {
    fn at(mut self, span: &Option<Range<usize>>) -> Self {
        if self.span.is_none() {
            self.span.clone_from(span);
        }
        self
    }

    fn within(mut self, step: Segment) -> Self {
        self.path.insert(0, step);
        self
    }
}

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TreeError {}

impl de::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError {
            message: msg.to_string(),
            path: Vec::new(),
            span: None,
            on_key: false,
        }
    }
}

/// Deserialise a typed value from a tree.
pub(crate) fn typed<T: de::DeserializeOwned>(node: &Node) -> Result<T, TreeError> {
    T::deserialize(NodeDe(node))
}

/// A key of a table that the struct it is read into does not know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnknownKey {
    /// The path of the key (its table's path, then the key as written).
    pub path: Vec<Segment>,
    /// The key as written.
    pub key: String,
    /// The fields the struct knows (serde's names and aliases).
    pub known: &'static [&'static str],
}

/// A table read as a struct: its address, and the fields the struct knows.
type StructTable = (usize, &'static [&'static str]);

thread_local! {
    /// The tables read as structs during [`typed_checked`].
    static STRUCTS: std::cell::RefCell<Option<Vec<StructTable>>> =
        const { std::cell::RefCell::new(None) };
}

/// [`typed`], and every key of a table read as a struct that the struct does not know
/// (serde ignores them: a misspelt `cibel` would silently drop a target). Tables read as
/// maps (a schedule's years) or through an untagged enum are not checked.
pub(crate) fn typed_checked<T: de::DeserializeOwned>(
    node: &Node,
) -> (Result<T, TreeError>, Vec<UnknownKey>) {
    STRUCTS.with(|s| *s.borrow_mut() = Some(Vec::new()));
    let result = typed(node);
    let structs = STRUCTS.with(|s| s.borrow_mut().take()).unwrap_or_default();
    let mut unknown = Vec::new();
    if !structs.is_empty() {
        collect_unknown(node, &mut Vec::new(), &structs, &mut unknown);
    }
    (result, unknown)
}

fn collect_unknown(
    node: &Node,
    path: &mut Vec<Segment>,
    structs: &[StructTable],
    out: &mut Vec<UnknownKey>,
) {
    let address = std::ptr::from_ref(node) as usize;
    let known = structs
        .iter()
        .find(|(a, _)| *a == address)
        .map(|(_, fields)| *fields);
    match &node.value {
        Value::Table(entries) => {
            for e in entries {
                path.push(Segment::from(e.key.as_str()));
                if let Some(known) = known.filter(|k| !k.contains(&e.key.as_str())) {
                    out.push(UnknownKey {
                        path: path.clone(),
                        key: e.key.clone(),
                        known,
                    });
                } else {
                    collect_unknown(&e.node, path, structs, out);
                }
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Segment::from(i));
                collect_unknown(item, path, structs, out);
                path.pop();
            }
        }
        _ => {}
    }
}

struct NodeDe<'a>(&'a Node);

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = TreeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        let node = self.0;
        let result = match &node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(SeqDe {
                items: items.iter().enumerate(),
            }),
            Value::Table(entries) => visitor.visit_map(MapDe {
                entries: entries.iter(),
                current: None,
            }),
        };
        result.map_err(|e| e.at(&node.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        let node = self.0;
        match node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
        .map_err(|e| e.at(&node.span))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        let span = self.0.span.clone();
        visitor.visit_newtype_struct(self).map_err(|e| e.at(&span))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        let node = self.0;
        match &node.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Table(entries) if entries.len() == 1 => match entries.first() {
                Some(entry) => visitor.visit_enum(EnumDe(entry)),
                None => self.deserialize_any(visitor),
            },
            _ => self.deserialize_any(visitor),
        }
        .map_err(|e| e.at(&node.span))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        visitor.visit_unit()
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        // Remember which fields this table's struct knows ([`typed_checked`]).
        if matches!(self.0.value, Value::Table(_)) {
            let address = std::ptr::from_ref(self.0) as usize;
            STRUCTS.with(|s| {
                if let Some(list) = s.borrow_mut().as_mut() {
                    list.push((address, fields));
                }
            });
        }
        self.deserialize_any(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct SeqDe<'a> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
}

impl<'de> SeqAccess<'de> for SeqDe<'_> {
    type Error = TreeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TreeError> {
        match self.items.next() {
            Some((i, node)) => seed
                .deserialize(NodeDe(node))
                .map(Some)
                .map_err(|e| e.within(Segment::from(i))),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, Entry>,
    current: Option<&'a Entry>,
}

impl<'de> MapAccess<'de> for MapDe<'_> {
    type Error = TreeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TreeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.current = Some(entry);
        seed.deserialize(KeyDe(&entry.key)).map(Some).map_err(|e| {
            let mut e = e
                .at(&entry.key_span)
                .within(Segment::from(entry.key.as_str()));
            e.on_key = true;
            e
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, TreeError> {
        let Some(entry) = self.current.take() else {
            return Err(de::Error::custom("a value without its key"));
        };
        seed.deserialize(NodeDe(&entry.node))
            .map_err(|e| e.within(Segment::from(entry.key.as_str())))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A table key: a string, or a number written as one (`2026`).
struct KeyDe<'a>(&'a str);

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = TreeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        visitor.visit_str(self.0)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        match self.0.trim().parse::<i64>() {
            Ok(n) => visitor.visit_i64(n),
            Err(_) => visitor.visit_str(self.0),
        }
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        self.deserialize_i32(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        self.deserialize_i32(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TreeError> {
        self.deserialize_i32(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i128 u8 u16 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

/// An externally tagged enum written as a one-key table (`{ variant = … }`).
struct EnumDe<'a>(&'a Entry);

impl<'de, 'a> EnumAccess<'de> for EnumDe<'a> {
    type Error = TreeError;
    type Variant = NodeDe<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, NodeDe<'a>), TreeError> {
        let entry = self.0;
        let variant = seed.deserialize(KeyDe(&entry.key)).map_err(|e| {
            let mut e = e
                .at(&entry.key_span)
                .within(Segment::from(entry.key.as_str()));
            e.on_key = true;
            e
        })?;
        Ok((variant, NodeDe(&entry.node)))
    }
}

impl<'de> VariantAccess<'de> for NodeDe<'_> {
    type Error = TreeError;

    fn unit_variant(self) -> Result<(), TreeError> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, TreeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, TreeError> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn text<'a>(src: &'a str, span: &Option<Range<usize>>) -> &'a str {
        span.clone().and_then(|s| src.get(s)).unwrap_or("?")
    }

    #[test]
    fn toml_nodes_have_spans_even_under_implicit_tables() {
        let src = "id = \"x\"\na.b = 1\n[[fiches]]\nnumber = 1\n[fiches.schedule]\nstart = 2025\n";
        let root = parse_toml(src).unwrap();
        assert_eq!(text(src, &root.get(&["id"]).unwrap().span), "\"x\"");
        let a = root.get(&["a"]).unwrap();
        assert_eq!(a.span, None, "an implicit table has no span");
        assert_eq!(text(src, &a.get(&["b"]).unwrap().span), "1");
        let fiche = &root.get(&["fiches"]).unwrap().items()[0];
        assert!(text(src, &fiche.span).starts_with("[[fiches]]"));
        let start = fiche.get(&["schedule"]).unwrap().get(&["start"]).unwrap();
        assert_eq!(text(src, &start.span), "2025");
        let entry = fiche.entry(&["number"]).unwrap();
        assert_eq!(text(src, &entry.key_span), "number");
    }

    #[test]
    fn toml_syntax_errors_come_from_the_parser() {
        let err = parse_toml("a = = 1").unwrap_err();
        assert!(err.span().is_some());
    }

    #[test]
    fn json_spans_are_found_by_one_scan() {
        let src = r#"{ "id": "x", "fiches": [ { "number": 1, "title": "é\"" }, {"number": 2} ] }"#;
        let mut root = Node::from(serde_json::from_str::<serde_json::Value>(src).unwrap());
        attach_json_spans(src, &mut root);
        let fiches = root.get(&["fiches"]).unwrap();
        assert_eq!(
            text(src, &fiches.items()[0].get(&["title"]).unwrap().span),
            r#""é\"""#
        );
        assert_eq!(
            text(src, &fiches.items()[1].get(&["number"]).unwrap().span),
            "2"
        );
        assert_eq!(text(src, &root.entry(&["id"]).unwrap().key_span), r#""id""#);
    }

    #[test]
    fn typed_errors_carry_their_path_and_span() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Row {
            n: u32,
            tags: Vec<String>,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            rows: Vec<Row>,
        }
        let src = "[[rows]]\nn = 1\ntags = []\n[[rows]]\nn = 2\ntags = [\"a\", 3]\n";
        let err = typed::<Doc>(&parse_toml(src).unwrap()).unwrap_err();
        assert_eq!(
            err.path,
            [
                Segment::from("rows"),
                Segment::from(1usize),
                Segment::from("tags"),
                Segment::from(1usize)
            ]
        );
        assert_eq!(text(src, &err.span), "3");
        assert!(err.message.contains("expected a string"), "{}", err.message);

        let src = "[[rows]]\nn = 1\ntags = []\nextra = 1\n";
        let err = typed::<Doc>(&parse_toml(src).unwrap()).unwrap_err();
        assert!(err.on_key && err.message.contains("unknown field `extra`"));
        assert_eq!(text(src, &err.span), "extra");

        let src = "[[rows]]\ntags = []\n";
        let err = typed::<Doc>(&parse_toml(src).unwrap()).unwrap_err();
        assert_eq!(err.message, "missing field `n`");
        assert!(text(src, &err.span).starts_with("[[rows]]"));
        let ok = typed::<Doc>(&parse_toml("[[rows]]\nn = 3\ntags = [\"x\"]\n").unwrap());
        assert_eq!(ok.unwrap().rows[0].n, 3);
    }
}
