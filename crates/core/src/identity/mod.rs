//! Cross-vendor identity: deciding whether two vendors' records describe the same person.
//!
//! Five vendors number patients five ways, so the desk links their records into one person:
//! by MRN = chart number when both carry it, otherwise by a score on name, date of birth and
//! phone/email. A score below the automatic threshold only ever becomes a *suggested* link for a
//! person to confirm or reject, because merging two people's records silently is the one
//! mistake a front desk cannot afford. The store and the search index reuse the normalisation
//! here so that "what matches" means the same thing everywhere.

pub mod dates;
pub mod link;
pub mod normalize;
pub mod score;

pub use dates::dob_candidates;
pub use link::{Candidate, LinkDecision, decide};
pub use normalize::{fold, name_tokens, normalize_email, normalize_mrn, phone_digits};
pub use score::{
    AUTO_LINK_THRESHOLD, Demographics, MatchScore, MrnMatch, SUGGEST_THRESHOLD, edit_distance,
    score,
};
