//! Booking services over the vendor ports: in person (NexHealth), telehealth (Zoom with CXone
//! reminders), referral out (WellHive); cancel and reschedule; never booking twice.
