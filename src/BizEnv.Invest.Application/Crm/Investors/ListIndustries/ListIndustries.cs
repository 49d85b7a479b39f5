using BizEnv.Invest.Application.Abstractions;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Crm.Investors.ListIndustries;

/// <summary>GB/T 4754-2017 codes matching a code prefix or a word of the Chinese name (for pickers).</summary>
public sealed record ListIndustries(string? Search, int Limit = 30) : IQuery<IReadOnlyList<IndustryDto>>;

public sealed record IndustryDto(string Code, string Level, string NameZh);

public sealed class ListIndustriesHandler(IDbSession db) : IRequestHandler<ListIndustries, IReadOnlyList<IndustryDto>>
{
    public async Task<IReadOnlyList<IndustryDto>> Handle(ListIndustries r, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        var search = string.IsNullOrWhiteSpace(r.Search) ? null : r.Search.Trim();
        return (await cn.QueryAsync<IndustryDto>(new CommandDefinition("""
            SELECT code AS Code, level AS Level, name_zh AS NameZh FROM industries
            WHERE @search::text IS NULL OR code ILIKE search_form(@search) || '%' OR search_form(name_zh) LIKE '%' || search_form(@search) || '%'
            ORDER BY (level = 'class') DESC, code LIMIT @limit
            """, new { search, limit = Math.Clamp(r.Limit, 1, 200) }, cancellationToken: ct))).ToList();
    }
}
