using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Projects.ListProjects;

/// <summary>Projects the actor may see, filtered, sorted and paged on the server.</summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListProjects(
    string? Search = null, ProjectStage? Stage = null, KeyProjectLevel? KeyLevel = null, Guid? InvestorId = null, bool KeyOnly = false,
    bool LackingConcierge = false, int Page = 1, int PageSize = 20, string? Sort = null, bool Descending = false) : IQuery<Page<ProjectSummary>>;

public sealed class ListProjectsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListProjects, Page<ProjectSummary>>
{
    public async Task<Page<ProjectSummary>> Handle(ListProjects r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        var args = ProjectListQuery.Args(r, actor.Actor, size, offset);
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(ProjectListQuery.CountSql, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<ProjectRow>(new CommandDefinition(ProjectListQuery.PageSql(ProjectListQuery.Order(r)), args, cancellationToken: ct));
        return new Page<ProjectSummary>(rows.Select(x => x.ToDto()).ToList(), total, page, size);
    }
}

/// <summary>
/// The one query behind the project list and its export, so both apply the same filters and the
/// same unit scope: the list asks for a page, the export for every row (up to its cap) in one go.
/// </summary>
public static class ProjectListQuery
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["number"] = "p.number",
        ["name"] = "lower(p.name)",
        ["investor"] = "lower(i.name)",
        ["plannedInvestment"] = "p.planned_investment",
        ["stage"] = "p.stage",
        ["stageDate"] = "p.stage_date",
        ["updatedAt"] = "p.updated_at",
    };

    private const string Where = """
         WHERE (@unit::uuid IS NULL OR p.unit_id = @unit)
           AND (@search::text IS NULL OR search_form(p.name) LIKE '%' || search_form(@search) || '%' OR p.number LIKE upper(search_form(@search)) || '%'
                OR EXISTS (SELECT 1 FROM investors si WHERE si.id = p.investor_id AND search_form(si.name) LIKE '%' || search_form(@search) || '%'))
           AND (@stage::text IS NULL OR p.stage = @stage)
           AND (@level::text IS NULL OR p.key_level = @level)
           AND (NOT @keyOnly OR p.key_level <> 'None')
           AND (@investor::uuid IS NULL OR p.investor_id = @investor)
           AND (NOT @lacking OR (p.key_level <> 'None' AND p.stage NOT IN ('Terminated', 'InProduction') AND NOT EXISTS (
                SELECT 1 FROM concierge_assignments c WHERE c.project_id = p.id AND c.ended_at IS NULL AND c.a_user_id IS NOT NULL AND c.b_user_id IS NOT NULL)))
        """;

    /// <summary>The statements as run, public so the benchmark harness can time the same SQL raw.</summary>
    public static readonly string CountSql = "SELECT count(*) FROM projects p " + Where;

    // The page is chosen first; investment in place and the concierge pair are looked up for its rows only.
    public static string PageSql(string order) =>
        $"{ProjectRow.Columns} FROM (SELECT p.* FROM projects p {(order.Contains("i.") ? "JOIN investors i ON i.id = p.investor_id" : "")} {Where} " +
        $"ORDER BY {order}, p.id LIMIT @size OFFSET @offset) p " +
        $"{ProjectRow.Joins} ORDER BY {order}, p.id";

    /// <summary>The ORDER BY the list asks for (a whitelisted column); without a chosen sort, the most recently touched projects come first.</summary>
    public static string Order(ListProjects r) => Paging.OrderBy(SortColumns, r.Sort, r.Sort is null || r.Descending, "p.updated_at");

    /// <summary>The parameters of <see cref="CountSql"/> and <see cref="PageSql"/>: officers see their own unit's projects.</summary>
    public static object Args(ListProjects r, Actor actor, int size, long offset) => new
    {
        unit = CrmAccess.UnitScope(actor), search = Like(r.Search), stage = r.Stage?.ToString(), level = r.KeyLevel?.ToString(), keyOnly = r.KeyOnly,
        investor = r.InvestorId, lacking = r.LackingConcierge, size, offset,
    };

    private static string? Like(string? s) =>
        string.IsNullOrWhiteSpace(s) ? null : s.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
