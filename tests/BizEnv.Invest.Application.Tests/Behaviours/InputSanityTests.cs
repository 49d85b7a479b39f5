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

    private sealed record Node(string Name, Node? Child, IReadOnlyList<Node>? Children);

    private static Node Nested(int levels, bool throughLists)
    {
        var node = new Node("\0", null, null);
        for (var i = 0; i < levels; i++)
            node = throughLists ? new Node("ok", null, [node]) : new Node("ok", node, null);
        return node;
    }

    [Theory]
    [InlineData(false, "Child.")]
    [InlineData(true, "Children[0].")]
    public void Nested_objects_are_checked_six_levels_deep_and_no_deeper(bool throughLists, string step)
    {
        InputSanity.Check(Nested(6, throughLists)).Select(f => $"{f.PropertyName}:{f.ErrorCode}")
            .ShouldBe([$"{string.Concat(Enumerable.Repeat(step, 6))}Name:field.control_character"]);
        InputSanity.Check(Nested(7, throughLists)).ShouldBeEmpty();
    }

    private sealed class Loop
    {
        public string Name { get; set; } = "ok";
        public Loop? Next { get; set; }
    }

    [Fact]
    public void An_object_that_refers_to_itself_is_walked_to_the_depth_limit_and_no_further()
    {
        var loop = new Loop();
        loop.Next = loop;
        InputSanity.Check(loop).ShouldBeEmpty();
    }

    private sealed record Lists(
        IReadOnlyList<Guid> Ids, IReadOnlyList<CommitmentKind> Kinds, IReadOnlyList<decimal[]> Points, IReadOnlyList<IReadOnlyList<string>> Lines,
        IReadOnlyDictionary<string, string>? Labels);

    private static Lists SaneLists() => new([Guid.NewGuid()], [CommitmentKind.Land], [[1m, 2m]], [["ok"]], null);

    private static string[] Fields(Lists l) => InputSanity.Check(l).Select(f => $"{f.PropertyName}:{f.ErrorCode}").ToArray();

    [Fact]
    public void An_empty_id_inside_a_list_of_ids_is_refused_by_its_index()
    {
        Fields(SaneLists()).ShouldBeEmpty();
        Fields(SaneLists() with { Ids = [Guid.NewGuid(), Guid.Empty] }).ShouldBe(["Ids[1]:field.required"]);
    }

    [Fact]
    public void An_enum_value_without_a_name_inside_a_list_is_refused_by_its_index() =>
        Fields(SaneLists() with { Kinds = [CommitmentKind.Land, (CommitmentKind)99] }).ShouldBe(["Kinds[1]:field.enum_unknown"]);

    [Fact]
    public void Lists_inside_lists_are_checked_item_by_item_and_named_by_both_indexes()
    {
        // CreateZone's polygon is a list of [lng, lat] pairs.
        Fields(SaneLists() with { Points = [[1m, 2m], [InputSanity.MaxAmount + 0.01m, 0m]] }).ShouldBe(["Points[1][0]:field.amount_too_large"]);
        Fields(SaneLists() with { Lines = [["ok"], ["ok", "a\0"]] }).ShouldBe(["Lines[1][1]:field.control_character"]);
    }

    private sealed record Deep(IReadOnlyList<object> Items);

    private static Deep ListsInLists(int levels, object innermost)
    {
        object[] list = [innermost];
        for (var i = 0; i < levels; i++)
            list = [list];
        return new Deep(list);
    }

    [Fact]
    public void Lists_inside_lists_are_checked_six_levels_deep_and_no_deeper()
    {
        InputSanity.Check(ListsInLists(6, "\0")).Select(f => $"{f.PropertyName}:{f.ErrorCode}")
            .ShouldBe([$"Items{string.Concat(Enumerable.Repeat("[0]", 7))}:field.control_character"]);
        InputSanity.Check(ListsInLists(7, "\0")).ShouldBeEmpty();

        object[] holdsItself = ["ok", null!];
        holdsItself[1] = holdsItself;
        InputSanity.Check(new Deep(holdsItself)).ShouldBeEmpty();
    }

    [Fact]
    public void Text_inside_a_dictionary_is_checked_too()
    {
        var failures = InputSanity.Check(SaneLists() with { Labels = new Dictionary<string, string> { ["名称"] = "a\0" } });
        failures.Select(f => f.ErrorCode).ShouldBe(["field.control_character"]);
        failures[0].PropertyName.ShouldStartWith("Labels");
    }

    [Fact]
    public void Several_control_characters_in_one_text_are_told_once() =>
        Fields(Valid() with { Note = "a\0b\u0007c\0" }).ShouldBe(["Note:field.control_character"]);

    [Fact]
    public void Text_too_long_is_told_once_even_when_it_also_holds_a_control_character() =>
        Fields(Valid() with { Note = new string('字', InputSanity.MaxTextLength) + "\0" }).ShouldBe(["Note:field.too_long"]);

    [Fact]
    public void A_date_out_of_range_names_the_range_as_iso_dates()
    {
        var failure = InputSanity.Check(Valid() with { Day = DateOnly.MinValue }).ShouldHaveSingleItem();
        failure.ErrorMessage.ShouldContain("1900-01-01");
        failure.ErrorMessage.ShouldContain("2199-12-31");
    }

    private sealed class WithIndexerAndWriteOnly
    {
        public string Name { get; init; } = "ok";
        public string this[int i] => i == 0 ? "\0" : "";
        public string WriteOnly { set => _ = value; }
    }

    [Fact]
    public void Indexers_and_write_only_properties_are_not_request_data() =>
        InputSanity.Check(new WithIndexerAndWriteOnly()).ShouldBeEmpty();
}
