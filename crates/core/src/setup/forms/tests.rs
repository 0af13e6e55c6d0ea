use super::*;

fn field_of(e: &CoreError) -> (&str, &str) {
    match e {
        CoreError::Invalid { field, message } => (field.as_str(), message.as_str()),
        other => panic!("not invalid: {other:?}"),
    }
}

fn ivr() -> IvrFlowForm {
    IvrFlowForm {
        name: "Cardiology line".into(),
        template_id: "ivr-temp-123".into(),
        department_name: Some("Cardiology".into()),
        offer_callback_option: true,
        max_callback_days: Some(3),
        working_hours_start: Some("08:00".into()),
        working_hours_end: Some("17:00".into()),
        working_days: vec!["friday".into(), "Monday".into()],
        holiday_dates: vec!["2026-12-25".into(), "2026-07-04".into()],
        ..IvrFlowForm::default()
    }
}

#[test]
fn a_good_ivr_form_becomes_a_plan_with_days_and_dates_in_order() {
    let plan = ivr().validate().unwrap();
    assert_eq!(plan.working_days, vec!["Monday", "Friday"]);
    assert_eq!(
        plan.holiday_dates,
        vec![
            NaiveDate::from_ymd_opt(2026, 7, 4).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 25).unwrap()
        ]
    );
    assert_eq!(plan.working_hours.unwrap().end_text(), "17:00");
    assert_eq!(plan.max_callback_days, Some(3));
    assert_eq!(plan.greeting_message, None);
}

#[test]
fn a_holiday_that_is_not_a_real_date_is_named() {
    for bad in ["2026-02-30", "12/25/2026", "2026-13-01"] {
        let mut f = ivr();
        f.holiday_dates.push(bad.into());
        let e = f.validate().unwrap_err();
        let (field, message) = field_of(&e);
        assert_eq!(field, "holidayDates");
        assert!(message.contains(bad), "{message}");
    }
}

#[test]
fn ivr_working_hours_are_24_hour_both_ends_start_first() {
    let mut f = ivr();
    f.working_hours_start = Some("8am".into());
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "workingHoursStart");
    let mut f = ivr();
    f.working_hours_end = Some("24:00".into());
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "workingHoursEnd");
    let mut f = ivr();
    f.working_hours_end = Some("07:00".into());
    let e = f.validate().unwrap_err();
    assert_eq!(
        field_of(&e),
        (
            "workingHoursEnd",
            "08:00-07:00: the start must be before the end"
        )
    );
    let mut f = ivr();
    f.working_hours_end = None;
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "workingHoursEnd");
    let mut f = ivr();
    f.working_days.push("Someday".into());
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "workingDays");
}

#[test]
fn callback_days_only_with_a_callback_and_within_a_year() {
    let mut f = ivr();
    f.offer_callback_option = false;
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "maxCallbackDays");
    let mut f = ivr();
    f.max_callback_days = Some(0);
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "maxCallbackDays");
    let mut f = ivr();
    f.name = "  ".into();
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "name");
}

fn w(day: &str, start: &str, end: &str) -> WeeklyWindow {
    WeeklyWindow {
        day: day.into(),
        start: start.into(),
        end: end.into(),
    }
}

#[test]
fn overlapping_weekly_hours_are_refused_touching_ones_kept() {
    let ok = ZoomAvailabilityForm {
        weekly_hours: vec![w("monday", "09:00", "12:00"), w("Monday", "12:00", "17:00")],
        unavailable_dates: vec!["2026-12-24".into()],
    };
    assert_eq!(ok.validate().unwrap().weekly_hours.len(), 2);
    let bad = ZoomAvailabilityForm {
        weekly_hours: vec![w("Monday", "09:00", "12:00"), w("monday", "11:30", "17:00")],
        unavailable_dates: vec![],
    };
    let e = bad.validate().unwrap_err();
    assert_eq!(
        field_of(&e),
        ("weeklyHours", "Monday 09:00-12:00 overlaps 11:30-17:00")
    );
    let bad_row = ZoomAvailabilityForm {
        weekly_hours: vec![
            w("Monday", "09:00", "12:00"),
            w("Tuesday", "13:00", "25:00"),
        ],
        unavailable_dates: vec![],
    };
    let e = bad_row.validate().unwrap_err();
    let (field, message) = field_of(&e);
    assert_eq!(field, "weeklyHours");
    assert!(message.starts_with("row 2:"), "{message}");
    let bad_day_off = ZoomAvailabilityForm {
        weekly_hours: vec![],
        unavailable_dates: vec!["2026-11-31".into()],
    };
    assert_eq!(
        field_of(&bad_day_off.validate().unwrap_err()).0,
        "unavailableDates"
    );
}

fn nex() -> NexAvailabilityForm {
    NexAvailabilityForm {
        location_id: "nexhealth:1".into(),
        provider_id: "nexhealth:101".into(),
        days: vec!["Tuesday".into()],
        start_time: "09:00".into(),
        end_time: "12:00".into(),
        ..NexAvailabilityForm::default()
    }
}

#[test]
fn nexhealth_hours_need_days_or_one_date_and_a_real_window() {
    assert_eq!(nex().validate().unwrap().weekdays(), vec!["Tuesday"]);
    let mut f = nex();
    f.days.clear();
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "days");
    f.specific_date = Some("2026-12-01".into());
    assert_eq!(f.validate().unwrap().weekdays(), vec!["Tuesday"]);
    f.days.push("Monday".into());
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "specificDate");
    let mut f = nex();
    f.end_time = "08:00".into();
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "endTime");
    let mut f = nex();
    f.start_time = "9".into();
    assert_eq!(field_of(&f.validate().unwrap_err()).0, "startTime");
}

#[test]
fn appointment_types_need_a_name_a_place_and_a_sane_length() {
    let f = AppointmentTypeForm {
        location_id: "nexhealth:1".into(),
        name: " Dilated exam ".into(),
        minutes: 45,
        bookable_online: true,
    };
    assert_eq!(f.validate().unwrap(), "Dilated exam");
    let short = AppointmentTypeForm {
        minutes: 2,
        ..f.clone()
    };
    assert_eq!(field_of(&short.validate().unwrap_err()).0, "minutes");
    let nowhere = AppointmentTypeForm {
        location_id: String::new(),
        ..f
    };
    assert_eq!(field_of(&nowhere.validate().unwrap_err()).0, "locationId");
    assert!(waiting_room_message("  ").is_err());
    assert_eq!(
        waiting_room_message(" Five minutes ").unwrap(),
        "Five minutes"
    );
}
