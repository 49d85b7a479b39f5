using System.Text.RegularExpressions;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using Dapper;
using FluentValidation;
using Npgsql;

namespace BizEnv.Invest.Application.Chains;

/// <summary>The fields of a node in a chain: name, description and GB/T 4754 codes (the node's own), segment and 延链 flag (its place in this chain).</summary>
public interface IChainNodeFields
{
    string? Name { get; }
    string? Description { get; }
    IReadOnlyList<string>? IndustryCodes { get; }
    ChainSegment Segment { get; }
}

public sealed partial class ChainNodeFieldsValidator : AbstractValidator<IChainNodeFields>
{
    public const int MaxCodes = 20;

    public ChainNodeFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("chain.node_name_required").MaximumLength(60).WithText("field.too_long", 60);
        RuleFor(x => x.Description).MaximumLength(1000).WithText("field.too_long", 1000);
        RuleFor(x => x.Segment).IsInEnum().WithText("chain.segment_unknown");
        RuleFor(x => x.IndustryCodes).Must(c => c is null || c.Count <= MaxCodes).WithText("chain.codes_too_many", MaxCodes);
        RuleForEach(x => x.IndustryCodes).Must(c => c is not null && CodeShape().IsMatch(c.Trim().ToUpperInvariant()))
            .WithText("chain.code_format");
    }

    /// <summary>A section letter and a division (2 digits), group (3) or class (4): C38, C384, C3841.</summary>
    [GeneratedRegex("^[A-T][0-9]{2,4}$")]
    private static partial Regex CodeShape();
}

internal static class ChainNodeCodes
{
    public static string[] Normalize(IReadOnlyList<string>? codes) =>
        (codes ?? []).Select(c => c.Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every code must be in the shipped GB/T 4754-2017 list; the first unknown one is named.</summary>
    public static async Task EnsureKnown(NpgsqlConnection cn, NpgsqlTransaction tx, string[] codes, string field, CancellationToken ct)
    {
        var known = (await cn.QueryAsync<string>(new CommandDefinition("SELECT code FROM industries WHERE code = ANY(@codes)", new { codes }, tx, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
        if (codes.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
            throw new Domain.Common.FieldRuleException(field, "chain.code_unknown", unknown);
    }

    public static Task Replace(NpgsqlConnection cn, NpgsqlTransaction tx, Guid nodeId, string[] codes, CancellationToken ct) =>
        cn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM chain_node_industries WHERE node_id = @nodeId AND NOT (industry_code = ANY(@codes));
            INSERT INTO chain_node_industries (node_id, industry_code) SELECT @nodeId, c FROM unnest(@codes) AS c ON CONFLICT DO NOTHING;
            """, new { nodeId, codes }, tx, cancellationToken: ct));
}
