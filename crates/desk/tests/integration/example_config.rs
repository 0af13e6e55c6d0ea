//! The example configuration shipped beside the crate stays valid as the format changes.

use frontdesk_core::Vendor;
use frontdesk_core::config::Config;
use std::path::Path;

#[test]
fn the_example_config_parses_and_enables_four_vendors() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let config = Config::load(&path).unwrap();
    assert_eq!(
        config.enabled_vendors(),
        vec![
            Vendor::Cxone,
            Vendor::Zoom,
            Vendor::Nextech,
            Vendor::Nexhealth
        ]
    );
    assert_eq!(config.practice.reminder_offsets_minutes, vec![1440, 60]);
}
