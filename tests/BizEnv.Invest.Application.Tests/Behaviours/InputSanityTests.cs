using BizEnv.Invest.Application.Behaviours;
using BizEnv.Invest.Domain.Commitments;

namespace BizEnv.Invest.Application.Tests.Behaviours;

/// <summary>The checks every request gets before its own validator — pure, no database.</summary>
public sealed class InputSanityTests
{
    private sealed record Item(string Text, DateOnly On);

    private sealed record Sample(
        string Name, string? Note, DateOnly Day, DateOnly? MaybeDay, DateTime At, DateTimeOffset When, decimal Amount, decimal? MaybeAmount,
        CommitmentKind Kind, CommitmentKind? MaybeKind, Guid Id, Guid? MaybeId, IReadOnlyList<Item>? Items, IReadOnlyList<string>? Tags, byte[]? File);

    private static Sample Valid() => new(
        "名称", null, new DateOnly(2026, 3, 1), null, new DateTime(2026, 3, 1), new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 1m, null,
        CommitmentKind.Land, null, Guid.NewGuid(), null, [new Item("a", new DateOnly(2026, 1, 1))], ["x"], [0, 1, 2]);

    private static string[] Fields(Sample s) => InputSanity.Check(s).Select(f => $"{f.PropertyName}:{f.ErrorCode}").ToArray();

    [Fact]
    public void A_sane_request_passes() => Fields(Valid()).ShouldBeEmpty();

    [Theory]
    [InlineData(1899, 12, 31, false)]
    [InlineData(1900, 1, 1, true)]
    [InlineData(2199, 12, 31, true)]
    [InlineData(2200, 1, 1, false)]
    public void Dates_outside_1900_to_2199_are_refused_at_the_edges(int y, int m, int d, bool ok)
    {
        var day = new DateOnly(y, m, d);
        var time = day.ToDateTime(TimeOnly.MinValue);
        foreach (var sample in new[]
                 {
                     Valid() with { Day = day }, Valid() with { MaybeDay = day }, Valid() with { At = time },
                     Valid() with { When = new DateTimeOffset(time, TimeSpan.Zero) },
                 })
            (Fields(sample).Length == 0).ShouldBe(ok, day.ToString("O"));
    }

    [Fact]
    public void A_missing_date_read_as_the_minimum_is_named() =>
        Fields(Valid() with { Day = DateOnly.MinValue }).ShouldBe(["Day:field.date_out_of_range"]);

    [Fact]
    public void Amounts_beyond_numeric_18_2_are_refused_both_ways()
    {
        Fields(Valid() with { Amount = InputSanity.MaxAmount }).ShouldBeEmpty();
        Fields(Valid() with { Amount = -InputSanity.MaxAmount }).ShouldBeEmpty();
        Fields(Valid() with { Amount = InputSanity.MaxAmount + 0.01m }).ShouldBe(["Amount:field.amount_too_large"]);
        Fields(Valid() with { MaybeAmount = -InputSanity.MaxAmount - 0.01m }).ShouldBe(["MaybeAmount:field.amount_too_large"]);
    }

    [Fact]
    public void An_enum_value_without_a_name_is_refused() =>
        Fields(Valid() with { Kind = (CommitmentKind)99, MaybeKind = (CommitmentKind)(-1) }).ShouldBe(["Kind:field.enum_unknown", "MaybeKind:field.enum_unknown"]);

    [Fact]
    public void An_empty_id_is_refused_only_where_an_id_is_required()
    {
        Fields(Valid() with { Id = Guid.Empty }).ShouldBe(["Id:field.required"]);
        Fields(Valid() with { MaybeId = Guid.Empty }).ShouldBeEmpty();
    }

    [Fact]
    public void A_null_where_the_type_says_not_null_is_required_and_a_nullable_one_is_not()
    {
        Fields(Valid() with { Name = null! }).ShouldBe(["Name:field.required"]);
        Fields(Valid() with { Note = null, Items = null, Tags = null, File = null }).ShouldBeEmpty();
    }

    [Fact]
    public void Control_characters_are_refused_but_line_breaks_and_tabs_are_text()
    {
        Fields(Valid() with { Note = "第一行\r\n第二行\t缩进" }).ShouldBeEmpty();
        Fields(Valid() with { Note = "a\0b" }).ShouldBe(["Note:field.control_character"]);
        Fields(Valid() with { Name = "\u0007" }).ShouldBe(["Name:field.control_character"]);
        Fields(Valid() with { Name = "\u007f" }).ShouldBe(["Name:field.control_character"]);
    }

    [Fact]
    public void Text_is_refused_beyond_the_longest_field_and_not_at_it()
    {
        Fields(Valid() with { Note = new string('字', InputSanity.MaxTextLength) }).ShouldBeEmpty();
        Fields(Valid() with { Note = new string('字', InputSanity.MaxTextLength + 1) }).ShouldBe(["Note:field.too_long"]);
    }

    [Fact]
    public void Lists_are_checked_item_by_item_with_their_index()
    {
        Fields(Valid() with { Items = [new Item("ok", new DateOnly(2026, 1, 1)), null!, new Item("a\0", DateOnly.MinValue)] })
            .ShouldBe(["Items[1]:field.list_item_null", "Items[2].Text:field.control_character", "Items[2].On:field.date_out_of_range"]);
        Fields(Valid() with { Tags = ["ok", null!, "\0"] }).ShouldBe(["Tags[1]:field.list_item_null", "Tags[2]:field.control_character"]);
    }

    [Fact]
    public void File_bytes_are_not_text() => Fields(Valid() with { File = [0, 0, 0] }).ShouldBeEmpty();
}
