using BizEnv.Invest.Application.Common.Mapping;
using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Application.Units;

/// <summary>A unit with its depth in the tree, so lists can indent without a second query.</summary>
public sealed record UnitDto(Guid Id, Guid? ParentId, string Code, string NameZh, string NameEn, UnitKind Kind, int Depth, long UserCount, int Version)
{
    /// <summary>Project stage changes of this unit wait for a leader's review.</summary>
    public bool RequiresStageReview { get; init; }

    /// <summary>The head 负责人, warned before the unit's promises fall due.</summary>
    public Guid? HeadUserId { get; init; }

    public string? HeadName { get; init; }
}

internal sealed record UnitRow(Guid Id, Guid? ParentId, string Code, string NameZh, string NameEn, string Kind, int Depth, long UserCount, int Version, bool RequiresStageReview,
    Guid? HeadUserId, string? HeadName)
{
    public UnitDto ToDto() => this.To<UnitDto>();
}

internal static class UnitSql
{
    public static async Task<List<UnitDto>> ReadTree(Npgsql.NpgsqlConnection cn, Npgsql.NpgsqlTransaction? tx, CancellationToken ct) =>
        (await Dapper.SqlMapper.QueryAsync<UnitRow>(cn, new Dapper.CommandDefinition(Tree, transaction: tx, cancellationToken: ct)))
        .Select(r => r.ToDto()).ToList();

    /// <summary>The whole tree in display order (parents before children, siblings by code).</summary>
    public const string Tree = """
        WITH RECURSIVE tree AS (
            SELECT id, parent_id, code, name_zh, name_en, kind, version, requires_stage_review, head_user_id, 0 AS depth, ARRAY[code] AS path
            FROM units WHERE parent_id IS NULL
            UNION ALL
            SELECT u.id, u.parent_id, u.code, u.name_zh, u.name_en, u.kind, u.version, u.requires_stage_review, u.head_user_id, t.depth + 1, t.path || u.code
            FROM units u JOIN tree t ON u.parent_id = t.id
        )
        SELECT t.id AS Id, t.parent_id AS ParentId, t.code AS Code, t.name_zh AS NameZh, t.name_en AS NameEn,
               t.kind AS Kind, t.depth AS Depth,
               (SELECT count(*) FROM users us WHERE us.unit_id = t.id) AS UserCount, t.version AS Version,
               t.requires_stage_review AS RequiresStageReview, t.head_user_id AS HeadUserId, h.display_name AS HeadName
        FROM tree t LEFT JOIN users h ON h.id = t.head_user_id
        ORDER BY t.path
        """;
}
