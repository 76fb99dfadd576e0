//! The recommendation's reasons in words (docs/MODEL.md §4): the model gives them as facts
//! ([`Reason`]), every surface words them here.

use crate::figures::{money, volume};
use crate::model::allowed::Exclusion;
use crate::model::breakeven::Never;
use crate::model::recommend::{Costs, Reason};

/// One reason as a sentence, its money in `currency`.
pub fn reason(r: &Reason, currency: &str) -> String {
    match r {
        Reason::Privacy => {
            "Privacy: data must stay in-house, so it cannot be sent to an API provider.".into()
        }
        Reason::Costs(c) => costs(c, currency),
        Reason::FrontierCaution => "Caution: some requests need frontier quality, and open \
             models may fall short of the best API models on hard tasks (complex reasoning, \
             nuanced writing)."
            .into(),
        Reason::OwnedCheaper => "Owning the servers is cheaper than renting GPUs at this \
             volume, and keeps the data in-house too."
            .into(),
        Reason::Operations { needed, capacity } => format!(
            "Operations: running a model takes {} h/month of maintenance, but the team can \
             give only {} h/month.",
            volume(*needed),
            volume(*capacity)
        ),
        Reason::Deadline {
            setup_hours,
            deadline_weeks,
        } => format!(
            "Time-to-market: setting up self-hosting takes about {:.1} weeks ({} h at 40 \
             h/week), longer than the {}-week deadline.",
            setup_hours / 40.0,
            volume(*setup_hours),
            volume(*deadline_weeks)
        ),
        Reason::Revisit { breakeven: Some(b) } => format!(
            "Revisit self-hosting after launch, once traffic nears {} requests/day (the \
             break-even).",
            volume(*b)
        ),
        Reason::Revisit { breakeven: None } => "Revisit after launch if prices change: at \
             these prices self-hosting never stays cheaper."
            .into(),
        Reason::QualityLeavesApiAndHybrid => "Quality: some requests need the best API model, \
             so only the API and hybrid (which keeps the hard requests on the API) are \
             considered."
            .into(),
        Reason::SelfHostOpsShort {
            replicas,
            needed,
            capacity,
        } => format!(
            "Operations: self-hosting all the traffic runs {} replicas, which need {} h/month \
             of upkeep, more than the team's {} h/month; only the API and hybrid are \
             considered.",
            volume(*replicas),
            volume(*needed),
            volume(*capacity)
        ),
        Reason::HybridKeepsHardRequests => "Quality: some requests need the best API model, \
             which the hybrid keeps for the hard requests."
            .into(),
        Reason::Cheapest(c) => format!("Cost: {} is the cheapest option considered.", c.label()),
        Reason::Breakeven(b) => format!(
            "Self-hosting stays cheaper than the API from {} requests/day.",
            volume(*b)
        ),
        Reason::NeverCheaper(n) => format!(
            "Self-hosting never stays cheaper than the API: {}.",
            never(*n, currency)
        ),
        Reason::CannotServe { options, why } => format!(
            "{} cannot serve these requests ({}), so {} not considered.",
            options
                .iter()
                .map(|c| c.label())
                .collect::<Vec<_>>()
                .join(" and "),
            super::unserved(*why),
            if options.len() == 1 {
                "it is"
            } else {
                "they are"
            }
        ),
        Reason::NoneCanServe(why) => {
            let first = super::capitalised(super::NONE_CAN_SERVE);
            let why: Vec<String> = why
                .iter()
                .map(|(c, e)| match e {
                    Exclusion::CannotServe(u) => format!("{} {}", c.label(), super::unserved(*u)),
                    e => format!("{} {}", c.label(), super::exclusion(*e)),
                })
                .collect();
            format!("{first}: {}.", why.join("; "))
        }
    }
}

/// Every reason, in order.
pub fn reasons(rs: &[Reason], currency: &str) -> Vec<String> {
    rs.iter().map(|r| reason(r, currency)).collect()
}

/// "At N requests/day: API …/day, hybrid …/day, self-hosting …/day."
fn costs(c: &Costs, cur: &str) -> String {
    let owned = c.costs.owned.map_or(String::new(), |o| {
        format!(", owned servers {}/day", money(o, cur))
    });
    format!(
        "At {} requests/day: API {}/day, hybrid {}/day, self-hosting {}/day{owned}.",
        volume(c.volume),
        money(c.costs.api, cur),
        money(c.costs.hybrid, cur),
        money(c.costs.self_host, cur)
    )
}

/// Why self-hosting never stays cheaper than the API (docs/MODEL.md §3).
pub fn never(n: Never, currency: &str) -> String {
    use crate::model::derivation::money_precise;
    match n {
        Never::FreeApi => {
            "the API costs nothing per request here, so self-hosting never catches up".into()
        }
        Never::PerSecond { self_host, api } => format!(
            "billed per second, self-hosting costs {} per request, not less than the API's {}",
            money_precise(self_host, currency),
            money_precise(api, currency)
        ),
        Never::Flat { self_host } => format!(
            "self-hosting's flat {}/day never drops below the API's fixed cost",
            money(self_host, currency)
        ),
        Never::Replica {
            replica,
            carries,
            api,
        } => format!(
            "each replica costs {}/day but carries only {} requests/day, which cost {}/day on \
             the API",
            money(replica, currency),
            volume(carries),
            money(api, currency)
        ),
    }
}
