//! The contact form (a person at a client: new, or a change to one) and the client forms (a
//! new client; a client's time zone, working calendar and drafting language), saved through
//! the library calls `rapport contact add|edit` and `rapport client add|edit` make.

use super::field::{Field, FieldId, FieldKind};
use super::form::{Ctx, Form, FormKind};
use crate::config::LANGUAGES;
use crate::error::Result;
use crate::i18n::{tr, trf};
use crate::model::{Channel, Contact, ContactPatch, NewContact};
use crate::store::Store;
use crate::store::clients::ClientSettings;
use crate::workflow::clients::ClientEdit;
use crate::workflow::{self, Done, Record};

/// The fields of the contact form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactField {
    Client,
    Name,
    Role,
    Email,
    Phone,
    Channel,
}

impl From<ContactField> for FieldId {
    fn from(f: ContactField) -> FieldId {
        FieldId::of::<ContactField>(f as u8)
    }
}

/// The fields of the client form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientField {
    Zone,
    Language,
    Calendar,
    Name,
    Notes,
}

impl From<ClientField> for FieldId {
    fn from(f: ClientField) -> FieldId {
        FieldId::of::<ClientField>(f as u8)
    }
}

pub(super) fn contact_field_for(what: &str) -> Option<ContactField> {
    Some(match what {
        "client" => ContactField::Client,
        "contact name" | "name" => ContactField::Name,
        "role" => ContactField::Role,
        "email" => ContactField::Email,
        "phone" => ContactField::Phone,
        "channel" => ContactField::Channel,
        _ => return None,
    })
}

pub(super) fn client_field_for(what: &str) -> Option<ClientField> {
    Some(match what {
        "zone" => ClientField::Zone,
        "language" => ClientField::Language,
        "calendar" => ClientField::Calendar,
        "client" | "name" => ClientField::Name,
        "notes" => ClientField::Notes,
        _ => return None,
    })
}

/// The channel choice: "none" (the project's) or one of the channels.
fn channels() -> Vec<String> {
    std::iter::once("none".to_string())
        .chain(Channel::ALL.iter().map(|c| c.to_string()))
        .collect()
}

impl Form {
    /// A new contact (at `client`, when one is likely) or a change to `existing`.
    pub fn contact(client: Option<&str>, existing: Option<&Contact>) -> Form {
        let text = |f: fn(&Contact) -> &String| existing.map(|c| f(c).clone()).unwrap_or_default();
        let mut fields = Vec::new();
        if existing.is_none() {
            fields.push(
                Field::new(
                    ContactField::Client,
                    tr("Client"),
                    FieldKind::Text,
                    client.unwrap_or_default(),
                )
                .required(),
            );
        }
        fields.extend([
            Field::new(
                ContactField::Name,
                tr("Name"),
                FieldKind::Text,
                text(|c| &c.name),
            )
            .required(),
            Field::new(
                ContactField::Role,
                tr("Role"),
                FieldKind::Text,
                text(|c| &c.role),
            ),
            Field::new(
                ContactField::Email,
                tr("Email"),
                FieldKind::Text,
                text(|c| &c.email),
            ),
            Field::new(
                ContactField::Phone,
                tr("Phone"),
                FieldKind::Text,
                text(|c| &c.phone),
            ),
            Field::new(
                ContactField::Channel,
                tr("Preferred channel"),
                FieldKind::Choice(channels()),
                existing
                    .and_then(|c| c.channel)
                    .map_or_else(|| "none".to_string(), |c| c.to_string()),
            ),
        ]);
        Form {
            kind: FormKind::Contact(existing.map(|c| c.id)),
            title: match existing {
                Some(c) => trf("Edit contact {name}", &[("name", &c.name)]),
                None => tr("New contact").to_string(),
            },
            // A new contact's client is most often the one under the cursor: start at the name.
            focus: usize::from(existing.is_none() && client.is_some()),
            fields,
            error: None,
        }
    }

    /// The client's time zone, drafting language and working calendar (a TOML file read now
    /// and kept in the file, as `rapport client edit --calendar` does).
    pub fn client(c: &ClientSettings) -> Form {
        Form {
            kind: FormKind::Client(c.id),
            title: trf("Client {name}", &[("name", &c.name)]),
            fields: client_settings(Some(c)),
            focus: 0,
            error: None,
        }
    }

    /// A new client: its name, the settings `rapport client add` takes, and notes.
    pub fn new_client() -> Form {
        let mut fields = vec![
            // "Name" is a person's (姓名): a client's is its own word.
            Field::new(ClientField::Name, tr("Client name"), FieldKind::Text, "").required(),
        ];
        fields.extend(client_settings(None));
        fields.push(Field::new(
            ClientField::Notes,
            tr("Client notes"),
            FieldKind::Multiline,
            "",
        ));
        Form {
            kind: FormKind::NewClient,
            title: tr("New client").to_string(),
            fields,
            focus: 0,
            error: None,
        }
    }
}

/// Zone, drafting language (empty: the config's) and calendar file, as `c` has them.
fn client_settings(c: Option<&ClientSettings>) -> Vec<Field> {
    let mut languages = vec![String::new()];
    languages.extend(LANGUAGES.iter().map(|l| l.to_string()));
    vec![
        Field::new(
            ClientField::Zone,
            tr("Time zone"),
            FieldKind::Text,
            c.and_then(|c| c.zone.clone()).unwrap_or_default(),
        ),
        Field::new(
            ClientField::Language,
            tr("Drafting language"),
            FieldKind::Choice(languages),
            c.and_then(|c| c.language.clone()).unwrap_or_default(),
        ),
        Field::new(
            ClientField::Calendar,
            tr("Calendar file (TOML)"),
            FieldKind::Text,
            "",
        ),
    ]
}

pub(super) fn save_contact(
    store: &mut Store,
    ctx: &Ctx,
    form: &Form,
    id: Option<i64>,
) -> Result<Done> {
    use ContactField as F;
    let channel = match form.value(F::Channel) {
        "" | "none" => None,
        c => Some(c.parse::<Channel>()?),
    };
    let id = match id {
        None => workflow::projects::add_contact(
            store,
            ctx.now,
            NewContact {
                client: form.value(F::Client).into(),
                name: form.value(F::Name).into(),
                role: form.value(F::Role).into(),
                email: form.value(F::Email).into(),
                phone: form.value(F::Phone).into(),
                channel,
            },
        )?,
        Some(id) => {
            workflow::projects::edit_contact(
                store,
                id,
                ContactPatch {
                    name: Some(form.value(F::Name).into()),
                    role: Some(form.value(F::Role).into()),
                    email: Some(form.value(F::Email).into()),
                    phone: Some(form.value(F::Phone).into()),
                    channel: Some(channel),
                },
            )?;
            id
        }
    };
    Ok(Done {
        record: Record::Contact(id),
        undo: Vec::new(),
    })
}

/// Sends only what changed: an untouched zone or language stays as it is (empty is the
/// config's), a calendar file is read only when one is named.
pub(super) fn save_client(store: &mut Store, form: &Form, id: i64) -> Result<Done> {
    use ClientField as F;
    let name = store::clients_name(store, id)?;
    let changed = |f: F| form.changed(f).then(|| form.value(f).to_string());
    let calendar = form.value(F::Calendar);
    workflow::clients::edit_client(
        store,
        &name,
        &ClientEdit {
            zone: changed(F::Zone),
            language: changed(F::Language),
            calendar_file: (!calendar.is_empty()).then(|| calendar.into()),
        },
    )?;
    Ok(Done {
        record: Record::Client(id),
        undo: Vec::new(),
    })
}

/// A new client through `rapport client add`'s library call (empty settings are the config's).
pub(super) fn save_new_client(store: &mut Store, ctx: &Ctx, form: &Form) -> Result<Done> {
    use ClientField as F;
    let given = |f: F| Some(form.value(f).trim()).filter(|v| !v.is_empty());
    let c = workflow::clients::add_client(
        store,
        ctx.now,
        form.value(F::Name),
        form.value(F::Notes),
        &ClientEdit {
            zone: given(F::Zone).map(Into::into),
            language: given(F::Language).map(Into::into),
            calendar_file: given(F::Calendar).map(Into::into),
        },
    )?;
    Ok(Done {
        record: Record::Client(c.id),
        undo: Vec::new(),
    })
}

mod store {
    use crate::error::{Error, Result};
    use crate::store::{Store, clients};

    /// The client's name (what `edit_client` is keyed by).
    pub(super) fn clients_name(store: &Store, id: i64) -> Result<String> {
        clients::settings(store.conn(), id)?
            .map(|c| c.name)
            .ok_or_else(|| Error::not_found("client", id))
    }
}
