using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using Dapper;
using BizEnv.Invest.Domain.Identity;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ListInvestors;

/// <summary>
/// Investors, filtered, sorted and paged on the server. Officers see their own unit's; with
/// <see cref="Registry"/> they look the firm up across all units (name, code, owning unit) — to
/// log a visit to it or to learn that another unit already follows it.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.IntegrityOfficer, Role.Admin)]
public sealed record ListInvestors(
    string? Search = null, string? Industry = null, Ownership? Ownership = null, string? Region = null, bool? Fortune500 = null,
    bool? China500 = null, Guid? LinkedOfficerId = null, ProjectStage? ProjectStage = null, bool Registry = false,
    int Page = 1, int PageSize = 20, string? Sort = null, bool Descending = false) : IQuery<Page<InvestorSummary>>;

public sealed class ListInvestorsHandler(IDbSession db, ActorContext actor) : IRequestHandler<ListInvestors, Page<InvestorSummary>>
{
    public async Task<Page<InvestorSummary>> Handle(ListInvestors r, CancellationToken ct)
    {
        var (page, size, offset) = Paging.Normalize(r.Page, r.PageSize);
        var args = InvestorListQuery.Args(r, actor.Actor, size, offset);
        var cn = await db.ConnectionAsync(ct);
        var total = await cn.ExecuteScalarAsync<long>(new CommandDefinition(InvestorListQuery.CountSql, args, cancellationToken: ct));
        var rows = await cn.QueryAsync<InvestorRow>(new CommandDefinition(InvestorListQuery.PageSql(InvestorListQuery.Order(r)), args, cancellationToken: ct));
        return new Page<InvestorSummary>(rows.Select(x => x.ToDto()).ToList(), total, page, size);
    }
}

/// <summary>
/// The one query behind the investor list and its export, so both apply the same filters and the
/// same unit scope: the list asks for a page, the export for every row (up to its cap) in one go.
/// </summary>
public static class InvestorListQuery
{
    private static readonly Dictionary<string, string> SortColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "lower(i.name)",
        ["creditCode"] = "i.credit_code",
        ["industry"] = "i.industry_code",
        ["region"] = "i.home_region",
        ["updatedAt"] = "i.updated_at",
        ["unit"] = "u.name_zh",
    };

    // One WHERE for the page and its count. Search matches a name prefix/infix (name_search: the name in
    // search form, stored, with a trigram index) or a credit-code prefix (a pattern index).
    private const string Where = """
         WHERE (@unit::uuid IS NULL OR i.unit_id = @unit)
           AND (@search::text IS NULL OR i.name_search LIKE '%' || search_form(@search) || '%' OR i.credit_code LIKE upper(search_form(@search)) || '%')
           AND (@industry::text IS NULL OR i.industry_code LIKE @industry || '%')
           AND (@ownership::text IS NULL OR i.ownership = @ownership)
           AND (@region::text IS NULL OR i.home_region = @region)
           AND (@fortune::boolean IS NULL OR i.is_fortune500 = @fortune)
           AND (@china::boolean IS NULL OR i.is_china500 = @china)
           AND (@officer::uuid IS NULL OR EXISTS (SELECT 1 FROM investor_officers o WHERE o.investor_id = i.id AND o.user_id = @officer))
           AND (@stage::text IS NULL OR EXISTS (SELECT 1 FROM projects p WHERE p.investor_id = i.id AND p.stage = @stage))
        """;

    /// <summary>The statements as run, public so the benchmark harness can time the same SQL raw.</summary>
    public static readonly string CountSql = "SELECT count(*) FROM investors i " + Where;

    // The page is chosen first (index order + LIMIT), sorting only ids and sort keys — a deep page of a
    // search sorts every match, and whole rows made that sort several times slower; the per-row extras
    // (unit, industry, project count, last visit) are computed for those 20 rows only.
    public static string PageSql(string order) =>
        $"{InvestorRow.Columns} FROM (SELECT i.* FROM investors i WHERE i.id IN (SELECT i.id FROM investors i " +
        $"{(order.Contains("u.") ? "JOIN units u ON u.id = i.unit_id" : "")} {Where} ORDER BY {order}, i.id LIMIT @size OFFSET @offset)) i " +
        $"{InvestorRow.Joins} ORDER BY {order}, i.id";

    /// <summary>The ORDER BY the list asks for (a whitelisted column), by name when none.</summary>
    public static string Order(ListInvestors r) => Paging.OrderBy(SortColumns, r.Sort, r.Descending, "lower(i.name)");

    /// <summary>
    /// The parameters of <see cref="CountSql"/> and <see cref="PageSql"/>. Officers see their own unit's
    /// firms; with <see cref="ListInvestors.Registry"/> the look-up spans all units.
    /// </summary>
    public static object Args(ListInvestors r, Actor actor, int size, long offset) => new
    {
        unit = r.Registry ? null : CrmAccess.UnitScope(actor),
        search = Like(r.Search), industry = Like(r.Industry), ownership = r.Ownership?.ToString(), region = Blank(r.Region),
        fortune = r.Fortune500, china = r.China500, officer = r.LinkedOfficerId, stage = r.ProjectStage?.ToString(), size, offset,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string? Like(string? s) => Blank(s)?.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
