namespace BizEnv.Invest.Application.Chains;

/// <summary>SQL fragments the chain queries share, so "signed" means the same thing everywhere.</summary>
internal static class ChainSql
{
    /// <summary>Signed and beyond (the stages of <c>ProjectStages.IsSignedOrLater</c>), for a project aliased <c>p</c>.</summary>
    public const string IsSigned = "p.stage IN ('Signed', 'Registered', 'Started', 'InProduction')";

    /// <summary>The day project <c>p</c> was signed: its stage change to Signed (a rejected review does not count).</summary>
    public const string SignedOn =
        "(SELECT min(c.stage_date) FROM project_stage_changes c WHERE c.project_id = p.id AND c.to_stage = 'Signed' AND c.review_status <> 'Rejected')";

    /// <summary>
    /// Signed projects as spells of presence (a terminated one until its termination): those that name
    /// a node directly, and those of a firm confirmed at a node that name no node.
    /// </summary>
    public const string ProjectSpells = $"""
        SELECT p.chain_node_id AS NodeId, p.id AS ProjectId, p.investor_id AS InvestorId, p.planned_investment AS Investment,
               coalesce(p.jobs, 0) AS Jobs, coalesce({SignedOn}, p.stage_date) AS "From",
               CASE WHEN p.stage = 'Terminated' THEN p.stage_date END AS Until, true AS Direct
          FROM projects p
         WHERE p.chain_node_id = ANY(@nodes) AND ({IsSigned} OR (p.stage = 'Terminated' AND {SignedOn} IS NOT NULL))
        UNION ALL
        SELECT f.node_id, p.id, p.investor_id, p.planned_investment, coalesce(p.jobs, 0), coalesce({SignedOn}, p.stage_date),
               CASE WHEN p.stage = 'Terminated' THEN p.stage_date END, false
          FROM (SELECT DISTINCT node_id, investor_id FROM chain_node_firms WHERE node_id = ANY(@nodes) AND status IN ('Confirmed', 'Removed')) f
          JOIN projects p ON p.investor_id = f.investor_id
         WHERE p.chain_node_id IS NULL AND ({IsSigned} OR (p.stage = 'Terminated' AND {SignedOn} IS NOT NULL))
        """;

    public const string FirmSpells = """
        SELECT node_id AS NodeId, investor_id AS InvestorId, confirmed_on AS "From", removed_on AS Until
          FROM chain_node_firms WHERE node_id = ANY(@nodes) AND status IN ('Confirmed', 'Removed')
        """;
}
