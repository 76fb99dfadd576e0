//! How self-hosting's GPUs are billed (docs/MODEL.md §6.6): all day, only in active hours, or
//! per second of use (serverless), and in which market (on demand, reserved, spot).
//!
//! The defaults (`always_on`, `on_demand`) leave every scenario's numbers as §2 gives them.

/// `self_host.billing`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Replicas run and are billed 24 hours a day (§2).
    #[default]
    AlwaysOn,
    /// Replicas run, and are billed, `active_hours_per_day` hours; the day's traffic is served
    /// in that window.
    ActiveHours,
    /// Serverless GPUs: billed per second of work, plus cold starts.
    PerSecond,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::AlwaysOn, Mode::ActiveHours, Mode::PerSecond];
    pub const NAMES: [&'static str; 3] = ["always_on", "active_hours", "per_second"];

    pub fn name(self) -> &'static str {
        Mode::NAMES[self as usize]
    }

    /// For people: "always on (24 h)", "per second (serverless)".
    pub fn label(self) -> &'static str {
        match self {
            Mode::AlwaysOn => "always on (24 h a day)",
            Mode::ActiveHours => "active hours only",
            Mode::PerSecond => "per second (serverless)",
        }
    }

    pub fn parse(s: &str) -> Option<Mode> {
        let s = s.trim();
        Mode::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// `self_host.offering`: the market the GPUs are rented in (set by a catalog pick).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Offering {
    #[default]
    OnDemand,
    /// A commitment: billed 24 hours a day whatever the billing mode.
    Reserved,
    /// Interruptible: adds `spot_interruption_share` of the GPU spend.
    Spot,
}

impl Offering {
    pub const ALL: [Offering; 3] = [Offering::OnDemand, Offering::Reserved, Offering::Spot];
    pub const NAMES: [&'static str; 3] = ["on_demand", "reserved", "spot"];

    pub fn name(self) -> &'static str {
        Offering::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<Offering> {
        let s = s.trim();
        Offering::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// `self_host.scale_ups`: how many serverless starts a day are billed (docs/MODEL.md §6.6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScaleUps {
    /// `scale_ups_per_day` every day, whatever the traffic (a fixed cost).
    #[default]
    Fixed,
    /// `min(scale_ups_per_day, V')`: none at zero volume, at most one start per request.
    WithTraffic,
}

impl ScaleUps {
    pub const ALL: [ScaleUps; 2] = [ScaleUps::Fixed, ScaleUps::WithTraffic];
    pub const NAMES: [&'static str; 2] = ["fixed", "with_traffic"];

    pub fn name(self) -> &'static str {
        ScaleUps::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<ScaleUps> {
        let s = s.trim();
        ScaleUps::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// Default hours a day replicas run in `active_hours` mode: office hours, 08:00 to 18:00.
pub(crate) const DEFAULT_ACTIVE_HOURS: f64 = 10.0;
/// Default seconds a serverless replica needs before it serves (start the container, load the
/// weights): a planning estimate for a model of a few to tens of GB.
pub(crate) const DEFAULT_COLD_START_SECONDS: f64 = 60.0;
/// Default scale-ups from zero per day: one an hour, a planning estimate.
pub(crate) const DEFAULT_SCALE_UPS_PER_DAY: f64 = 24.0;
/// Default share of GPU spend lost to spot interruptions: an estimate. The catalog's planning
/// figure is about one interruption a day for H100-class spot capacity; replacing the machine,
/// loading the weights again and redoing the lost requests is taken as 1.2 replica-hours:
/// 1 × 1.2 / 24 = 0.05.
pub(crate) const DEFAULT_SPOT_INTERRUPTION_SHARE: f64 = 0.05;

/// The billing keys of `[self_host]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Billing {
    pub mode: Mode,
    pub offering: Offering,
    /// Hours a day replicas run in `active_hours` mode, in (0, 24].
    pub active_hours_per_day: f64,
    /// Price of one GPU for one second; 0 = `gpu_per_hour / 3600`.
    pub gpu_per_second: f64,
    /// Seconds a serverless replica is billed before it serves.
    pub cold_start_seconds: f64,
    /// The shortest time a serverless replica is billed for, per start.
    pub min_billed_seconds: f64,
    /// Seconds a serverless replica stays billed, idle, after each burst before it scales to
    /// zero (docs/MODEL.md §6.6); 0 = none.
    pub idle_tail_seconds: f64,
    /// Serverless scale-ups from zero per day.
    pub scale_ups_per_day: f64,
    /// Whether the starts are `scale_ups_per_day` whatever the traffic, or grow with it.
    pub scale_ups: ScaleUps,
    /// Share of GPU spend added on spot offerings for interruptions.
    pub spot_interruption_share: f64,
    /// Months a replica reserved in month m is billed, through month m + T − 1, whether the
    /// traffic needs it or not (docs/MODEL.md §8.3); 0 = month to month.
    pub reserved_term_months: u32,
}

impl Default for Billing {
    fn default() -> Self {
        Billing {
            mode: Mode::AlwaysOn,
            offering: Offering::OnDemand,
            active_hours_per_day: DEFAULT_ACTIVE_HOURS,
            gpu_per_second: 0.0,
            cold_start_seconds: DEFAULT_COLD_START_SECONDS,
            min_billed_seconds: 0.0,
            idle_tail_seconds: 0.0,
            scale_ups_per_day: DEFAULT_SCALE_UPS_PER_DAY,
            scale_ups: ScaleUps::Fixed,
            spot_interruption_share: DEFAULT_SPOT_INTERRUPTION_SHARE,
            reserved_term_months: 0,
        }
    }
}

impl Billing {
    /// The mode that applies: a reserved offering bills 24 hours a day, so per-second billing
    /// on it is billed as always on (active hours keep their window for the demand).
    pub(crate) fn effective_mode(&self) -> Mode {
        match (self.mode, self.offering) {
            (Mode::PerSecond, Offering::Reserved) => Mode::AlwaysOn,
            (m, _) => m,
        }
    }

    /// Seconds in which the day's traffic is served: 86,400, or the active window.
    pub(crate) fn window_seconds(&self) -> f64 {
        match self.effective_mode() {
            Mode::ActiveHours => 3600.0 * self.active_hours_per_day,
            _ => super::scenario::SECONDS_PER_DAY,
        }
    }

    /// Hours a day a running replica is billed: 24, or the active window (reserved: 24).
    pub(crate) fn billed_hours(&self) -> f64 {
        match (self.effective_mode(), self.offering) {
            (Mode::ActiveHours, Offering::OnDemand | Offering::Spot) => self.active_hours_per_day,
            _ => 24.0,
        }
    }

    /// The price of one GPU-second: the key, or `gpu_per_hour / 3600` when it is 0.
    pub(crate) fn per_second_price(&self, gpu_per_hour: f64) -> f64 {
        if self.gpu_per_second > 0.0 {
            self.gpu_per_second
        } else {
            gpu_per_hour / 3600.0
        }
    }

    /// Seconds billed per scale-up beyond the serving itself: the cold start and the idle
    /// tail, at least the minimum billed time:
    /// `max(cold_start_seconds + idle_tail_seconds, min_billed_seconds)`.
    pub(crate) fn seconds_per_scale_up(&self) -> f64 {
        (self.cold_start_seconds + self.idle_tail_seconds).max(self.min_billed_seconds)
    }

    /// The share added to GPU spend for interruptions (0 unless spot).
    pub(crate) fn interruption_share(&self) -> f64 {
        if self.offering == Offering::Spot {
            self.spot_interruption_share
        } else {
            0.0
        }
    }

    /// How the GPUs are billed, in words, or `None` for the defaults (always on, on demand):
    /// "billed per second (serverless), spot".
    pub fn describe(&self) -> Option<String> {
        if self.mode == Mode::AlwaysOn && self.offering == Offering::OnDemand {
            return None;
        }
        let how = match self.mode {
            Mode::ActiveHours => format!(
                "billed {} h a day (active hours)",
                crate::figures::num(self.billed_hours())
            ),
            Mode::PerSecond if self.scale_ups == ScaleUps::WithTraffic => format!(
                "billed {}, starts growing with the traffic",
                Mode::PerSecond.label()
            ),
            m => format!("billed {}", m.label()),
        };
        Some(match self.offering {
            Offering::OnDemand => how,
            Offering::Reserved => format!("{how}, reserved"),
            Offering::Spot => format!("{how}, spot"),
        })
    }

    /// What the user should know about the billing, for the report's warnings.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.mode == Mode::PerSecond && self.offering == Offering::Reserved {
            out.push(
                "self_host.billing = \"per_second\" on a reserved offering: a reservation bills 24 hours a day, so self-hosting is billed as always on".into(),
            );
        }
        if self.mode == Mode::ActiveHours && self.offering == Offering::Reserved {
            out.push(format!(
                "a reserved offering bills 24 hours a day: replicas serve in {} active hours but are paid for all day",
                self.active_hours_per_day
            ));
        }
        if self.offering == Offering::Spot {
            out.push(format!(
                "spot GPUs can be taken back and may not be free when the traffic needs more: {}% of GPU spend is added for interruptions (self_host.spot_interruption_share, an estimate); keep on-demand or reserved capacity for what must stay up",
                self.spot_interruption_share * 100.0
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::parse(m.name()), Some(m));
        }
        for o in Offering::ALL {
            assert_eq!(Offering::parse(o.name()), Some(o));
        }
        assert_eq!(Mode::NAMES, Mode::ALL.map(Mode::name));
        assert_eq!(Offering::NAMES, Offering::ALL.map(Offering::name));
        assert_eq!(Mode::parse("hourly"), None);
    }

    #[test]
    fn reserved_bills_all_day_whatever_the_mode() {
        let mut b = Billing {
            mode: Mode::ActiveHours,
            offering: Offering::Reserved,
            ..Billing::default()
        };
        assert_eq!((b.billed_hours(), b.window_seconds()), (24.0, 36_000.0));
        b.mode = Mode::PerSecond;
        assert_eq!(b.effective_mode(), Mode::AlwaysOn);
        assert_eq!((b.billed_hours(), b.window_seconds()), (24.0, 86_400.0));
        b.offering = Offering::Spot;
        assert_eq!(b.effective_mode(), Mode::PerSecond);
    }

    fn billing(mode: Mode, offering: Offering) -> Billing {
        Billing {
            mode,
            offering,
            active_hours_per_day: 7.5,
            ..Billing::default()
        }
    }

    /// The words the reports print: nothing for the defaults, the mode as billed (the active
    /// window's hours), then the offering unless on demand.
    #[test]
    fn describe_names_the_mode_and_the_offering() {
        use {Mode::*, Offering::*};
        assert_eq!(billing(AlwaysOn, OnDemand).describe(), None);
        let said = |m, o| billing(m, o).describe().unwrap_or_default();
        assert_eq!(said(AlwaysOn, Spot), "billed always on (24 h a day), spot");
        assert_eq!(
            said(AlwaysOn, Reserved),
            "billed always on (24 h a day), reserved"
        );
        assert_eq!(
            said(ActiveHours, OnDemand),
            "billed 7.5 h a day (active hours)"
        );
        assert_eq!(said(PerSecond, OnDemand), "billed per second (serverless)");
        assert_eq!(
            said(PerSecond, Reserved),
            "billed per second (serverless), reserved"
        );
        assert_eq!(Mode::ALL.map(Mode::label)[0], "always on (24 h a day)");
        assert_eq!(ActiveHours.label(), "active hours only");
    }

    /// One warning per surprise: per-second or active hours on a reservation (billed all day),
    /// and spot's added share; none for the plain modes.
    #[test]
    fn notes_warn_of_reservations_and_spot() {
        use {Mode::*, Offering::*};
        for (m, o) in [
            (AlwaysOn, OnDemand),
            (AlwaysOn, Reserved),
            (PerSecond, OnDemand),
        ] {
            assert_eq!(billing(m, o).notes(), Vec::<String>::new(), "{m:?} {o:?}");
        }
        assert_eq!(
            billing(PerSecond, Reserved).notes(),
            ["self_host.billing = \"per_second\" on a reserved offering: a reservation bills 24 hours a day, so self-hosting is billed as always on"]
        );
        assert_eq!(
            billing(ActiveHours, Reserved).notes(),
            ["a reserved offering bills 24 hours a day: replicas serve in 7.5 active hours but are paid for all day"]
        );
        assert_eq!(
            billing(ActiveHours, Spot).notes(),
            ["spot GPUs can be taken back and may not be free when the traffic needs more: 5% of GPU spend is added for interruptions (self_host.spot_interruption_share, an estimate); keep on-demand or reserved capacity for what must stay up"]
        );
    }
}

/// docs/MODEL.md §6.6's worked examples, line by line: every new term non-zero.
#[cfg(test)]
pub(crate) mod worked {
    use super::*;
    use crate::model::breakeven::{breakeven_requests_per_day, crossings};
    use crate::model::worked_example::near;
    use crate::model::{Rates, Scenario};

    /// The base of both examples: defaults with two GPUs per replica at $3.00/h, a response
    /// cache, §6.1's engineering (80.00/day) and 5 ops hours per extra replica (20.00/day).
    pub fn base() -> Scenario {
        let mut sc = Scenario::default();
        sc.workload.response_cache_hit_rate = 0.2;
        let s = &mut sc.self_host;
        (s.gpus_per_replica, s.gpu_per_hour, s.target_utilization) = (2, 3.0, 0.8);
        s.billing.offering = Offering::Spot;
        let e = &mut sc.engineering;
        (e.hourly_rate, e.setup_hours) = (121.75, 48.0);
        (e.maintenance_hours_per_month, e.amortization_months) = (12.0, 6.0);
        e.ops_hours_per_replica_month = 5.0;
        sc
    }

    pub fn active_hours() -> Scenario {
        let mut sc = base();
        sc.workload.requests_per_day = 100_000.0;
        sc.self_host.billing.mode = Mode::ActiveHours;
        sc.self_host.billing.active_hours_per_day = 6.0;
        sc
    }

    pub fn per_second() -> Scenario {
        let mut sc = base();
        sc.workload.requests_per_day = 400_000.0;
        let b = &mut sc.self_host.billing;
        b.mode = Mode::PerSecond;
        b.gpu_per_second = 0.001;
        (b.cold_start_seconds, b.min_billed_seconds) = (30.0, 60.0);
        b.scale_ups_per_day = 50.0;
        sc
    }

    #[test]
    fn active_hours_by_hand() {
        let r = Rates::new(&active_hours());
        // s = 2,000 / 20,000 + 500 / 2,500 = 0.3 s; V' = 80,000; window 6 h = 21,600 s.
        near(r.demand(100_000.0), 80_000.0 * 0.3 * 2.0 / 21_600.0);
        let s = r.self_host(100_000.0);
        // 2.2222 / 0.8 = 2.78 → 3 replicas, 6 GPUs billed 6 hours at $3.00.
        assert_eq!((s.replicas, s.gpus), (3.0, 6.0));
        near(s.gpu_usd_per_day, 108.0);
        // Overhead 10% plus 5% for spot interruptions.
        near(s.overhead_usd_per_day, 16.2);
        // 80.00 + 2 extra replicas × 20.00.
        near(s.engineering_usd_per_day, 120.0);
        near(s.usd_per_day, 244.2);
        // The staircase: g = 2 · 3 · 6 · 1.15 = 41.40 (+ 20.00 ops), w = 36,000 requests/day;
        // the plateau S = 41.40 + 20 + 60 = 121.40 is reached by A = 0.008 · V at 15,175.
        near(r.step_usd_per_day(), 41.4);
        near(r.requests_per_replica(), 36_000.0);
        near(breakeven_requests_per_day(&r).unwrap(), 15_175.0);
        assert_eq!(crossings(&r, 10.0, 1e7), [15_175.0]);
        // Always on, the same scenario needs 1 replica for 24 hours: 144.00 of GPU.
        let mut sc = active_hours();
        sc.self_host.billing.mode = Mode::AlwaysOn;
        near(Rates::new(&sc).self_host(100_000.0).gpu_usd_per_day, 144.0);
        // Reserved: the 3 replicas are billed all day.
        sc.self_host.billing.mode = Mode::ActiveHours;
        sc.self_host.billing.offering = Offering::Reserved;
        let s = Rates::new(&sc).self_host(100_000.0);
        near(s.gpu_usd_per_day, 432.0);
        near(s.overhead_usd_per_day, 43.2);
    }

    /// docs/MODEL.md §6.6: an idle tail of 45 s after each of the 50 starts: each is billed
    /// max(30 + 45, 60) = 75 s, so 2 × 0.001 × (120,000 + 3,750) = 247.50 of GPU; the fixed
    /// part 80 + 1.15 × 0.002 × 50 × 75 = 88.625, break-even 88.625 / (0.008 − 0.00069).
    /// Below the minimum (a 20 s tail: 30 + 20 < 60) nothing changes.
    #[test]
    fn serverless_idle_tail_by_hand() {
        let mut sc = per_second();
        sc.self_host.billing.idle_tail_seconds = 45.0;
        let r = Rates::new(&sc);
        let s = r.self_host(400_000.0);
        near(s.gpu_usd_per_day, 247.5);
        near(s.overhead_usd_per_day, 247.5 * 0.15);
        near(r.self_fixed_total_per_day(), 88.625);
        let b = breakeven_requests_per_day(&r).unwrap();
        near(b, 88.625 / (0.008 - 0.00069));
        near(r.self_host_usd(b), r.api_usd(b));
        sc.self_host.billing.idle_tail_seconds = 20.0;
        let short = Rates::new(&sc);
        near(short.self_host(400_000.0).gpu_usd_per_day, 246.0);
    }

    /// docs/MODEL.md §6.6, starts that grow with the traffic: the per-second example's 50
    /// starts a day become min(50, V'). At 25 requests/day (20 billable) 20 starts: GPU
    /// 0.002 × (20 × 0.3 / 0.8 + 20 × 60) = 2.415, S = 80 + 2.415 × 1.15 = 82.78 (with the
    /// 50 fixed starts: 86.92); at zero volume no start is billed (80.00). Each start costs
    /// 1.15 × 0.002 × 60 = $0.138, far above the API's 0.008 a request, so the break-even
    /// stays the fixed piece's 11,887.82. With 0.5 s starts, no minimum and up to 100,000
    /// starts a day (kink at 125,000 requests/day) the low piece decides: a start costs
    /// 1.15 × 0.002 × 0.5 = 0.00115, the low slope 0.008 − 0.00069 − 0.8 × 0.00115 = 0.00639,
    /// break-even 80 / 0.00639 = 12,519.56 (fixed starts: 195 / 0.00731 = 26,675.79).
    #[test]
    fn starts_that_grow_with_the_traffic_by_hand() {
        let mut sc = per_second();
        sc.self_host.billing.scale_ups = ScaleUps::WithTraffic;
        let r = Rates::new(&sc);
        near(r.self_host(25.0).usd_per_day, 80.0 + 2.415 * 1.15);
        near(r.self_host_usd(25.0), 80.0 + 2.415 * 1.15);
        near(r.self_host(0.0).usd_per_day, 80.0);
        near(r.self_host(400_000.0).usd_per_day, 402.9);
        // The kink: 50 billable requests, 62.5 requests/day; the line is continuous there.
        let fixed = Rates::new(&per_second());
        near(r.self_host_usd(62.5), fixed.self_host_usd(62.5));
        assert!(r.self_host_usd(62.4) < fixed.self_host_usd(62.4));
        near(
            breakeven_requests_per_day(&r).unwrap(),
            86.9 / (0.008 - 0.00069),
        );
        // Cheap starts: the low piece's break-even.
        let b = &mut sc.self_host.billing;
        (
            b.cold_start_seconds,
            b.min_billed_seconds,
            b.scale_ups_per_day,
        ) = (0.5, 0.0, 1e5);
        let r = Rates::new(&sc);
        let be = breakeven_requests_per_day(&r).unwrap();
        near(be, 80.0 / (0.008 - 0.00069 - 0.8 * 0.00115));
        near(be, 12_519.561_815);
        near(r.self_host_usd(be), r.api_usd(be));
        assert_eq!(crossings(&r, 10.0, 1e7), vec![be]);
        // The dashboard's derivation substitutes the low piece: no start among the fixed costs.
        let d = crate::model::derivation::derivations(&sc, &crate::model::Outcome::evaluate(&sc));
        let line = d.iter().find(|d| d.label == "Break-even").unwrap();
        assert!(
            line.substituted.contains("+ $80.00 −"),
            "{}",
            line.substituted
        );
        assert_eq!(line.result, "12,520 requests/day");
        sc.self_host.billing.scale_ups = ScaleUps::Fixed;
        let fixed = breakeven_requests_per_day(&Rates::new(&sc)).unwrap();
        near(fixed, 195.0 / (0.008 - 0.00069));
    }

    #[test]
    fn per_second_by_hand() {
        let r = Rates::new(&per_second());
        // 2 GPUs × $0.001 × (320,000 × 0.3 / 0.8 + 50 × max(30, 60)) = 0.002 × 123,000.
        let s = r.self_host(400_000.0);
        near(s.gpu_usd_per_day, 246.0);
        near(s.overhead_usd_per_day, 36.9);
        // Busiest hour: 320,000 × 0.3 × 2 / 86,400 = 2.22 replicas busy → 3 at 0.8.
        assert_eq!((s.replicas, s.gpus), (3.0, 6.0));
        near(s.engineering_usd_per_day, 120.0);
        near(s.usd_per_day, 402.9);
        // No GPU staircase; the line's slope 1.15 × 0.8 × 0.002 × 0.3 / 0.8 = 0.00069 and
        // 6.90 of scale-ups a day; only ops climbs in steps (w = 144,000).
        near(r.step_usd_per_day(), 0.0);
        near(r.self_per_volume(), 0.00069);
        near(r.self_fixed_total_per_day(), 86.9);
        near(r.requests_per_replica(), 144_000.0);
        let b = breakeven_requests_per_day(&r).unwrap();
        near(b, 86.9 / (0.008 - 0.00069));
        near(r.self_host_usd(b), r.api_usd(b));
        // The default per-second price is gpu_per_hour / 3600.
        let mut sc = per_second();
        sc.self_host.billing.gpu_per_second = 0.0;
        sc.self_host.gpu_per_hour = 3.6;
        near(Rates::new(&sc).self_host(400_000.0).gpu_usd_per_day, 246.0);
    }

    /// The "why" overlay derives the GPU bill in the mode in force.
    #[test]
    fn derivations_follow_the_mode() {
        use crate::model::derivation::derivations;
        let gpu_line = |sc: &Scenario| {
            let o = crate::model::Outcome::evaluate(sc);
            derivations(sc, &o)
                .into_iter()
                .find(|d| d.label == "GPU per day")
                .map(|d| (d.formula, d.substituted, d.result))
                .unwrap_or_default()
        };
        let (f, sub, res) = gpu_line(&per_second());
        assert!(f.contains("gpu_per_second"), "{f}");
        assert_eq!(sub, "2 × $0.001 × (320,000 × 0.3 s / 0.8 + 50 × 60 s)");
        assert_eq!(res, "$246.00/day");
        let (_, sub, res) = gpu_line(&active_hours());
        assert_eq!(
            (sub.as_str(), res.as_str()),
            ("3 × 2 × $3.00 × 6", "$108.00/day")
        );
    }

    /// docs/MODEL.md §6.7: §6.1's scenario with 5 ops hours per extra replica.
    #[test]
    fn ops_scaling_by_hand() {
        use crate::model::allowed::{Exclusion, Rules};
        use crate::model::Choice;
        let mut sc = crate::model::worked_example::every_term();
        sc.engineering.ops_hours_per_replica_month = 5.0;
        let r = Rates::new(&sc);
        near(r.ops_per_extra_replica_day, 20.0);
        let s = r.self_host(200_000.0);
        assert_eq!(s.replicas, 4.0);
        near(s.engineering_usd_per_day, 80.0 + 3.0 * 20.0);
        near(s.usd_per_day, 611.6);
        let h = r.hybrid(200_000.0);
        assert_eq!(h.local.replicas, 2.0);
        near(h.local.usd_per_day, 350.8);
        near(h.usd_per_day, 681.3);
        let b = breakeven_requests_per_day(&r).unwrap();
        near(b, 330.8 / 0.003_881_25);
        assert_eq!(crossings(&r, 10.0, 1e7).len(), 1);
        sc.constraints.ops_hours_per_month = 20.0;
        let rules = Rules::new(&sc);
        near(rules.ops_hours_needed(4.0), 27.0);
        near(rules.ops_hours_needed(2.0), 17.0);
        assert_eq!(
            rules.exclusion(&r, Choice::SelfHost, 200_000.0),
            Some(Exclusion::Operations)
        );
        assert_eq!(rules.exclusion(&r, Choice::Hybrid, 200_000.0), None);
    }

    #[test]
    fn always_on_is_todays_model_bit_for_bit() {
        let mut sc = crate::model::worked_example::every_term();
        let before = Rates::new(&sc);
        sc.self_host.billing = Billing {
            mode: Mode::AlwaysOn,
            ..Billing::default()
        };
        assert_eq!(Rates::new(&sc), before);
        // Active hours of 24 on demand are always on.
        sc.self_host.billing.mode = Mode::ActiveHours;
        sc.self_host.billing.active_hours_per_day = 24.0;
        let r = Rates::new(&sc);
        for v in [0.0, 10.0, 1e5, 2e5, 3.3e6] {
            assert_eq!(r.self_host(v), before.self_host(v));
        }
    }
}
