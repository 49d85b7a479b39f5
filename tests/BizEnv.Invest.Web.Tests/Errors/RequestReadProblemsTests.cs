using System.Text.Json;
using BizEnv.Invest.Application.Localization;
using BizEnv.Invest.Web.Api;
using BizEnv.Invest.Web.Errors;
using Microsoft.AspNetCore.Http;

namespace BizEnv.Invest.Web.Tests.Errors;

/// <summary>
/// A request the framework could not read, told as field errors — pure: the JSON errors come from
/// System.Text.Json with the API's own options, the binding messages are the framework's words. No database.
/// </summary>
public sealed class RequestReadProblemsTests
{
    public sealed record Demand(string Owner, decimal Amount);

    public sealed record Promise(string Name, decimal Amount, DateOnly MadeOn, IReadOnlyList<Demand> Demands, string? Note = null);

    private static readonly JsonSerializerOptions Api = ApiOptions();

    private static JsonSerializerOptions ApiOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        StrictJson.Apply(options);
        return options;
    }

    private const string Valid = """{"name":"土地","amount":1,"madeOn":"2026-03-01","demands":[{"owner":"甲","amount":2}]}""";

    /// <summary>What ASP.NET Core throws when the body of <paramref name="json"/> does not read as a <see cref="Promise"/>.</summary>
    private static BadHttpRequestException Unreadable(string json)
    {
        var inner = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Promise>(json, Api));
        return new BadHttpRequestException("""Failed to read parameter "Promise command" from the request body as JSON.""", 400, inner);
    }

    /// <summary>Field errors as "field: message" lines, in order, to compare by value.</summary>
    private static string[] Fields(params (string Field, string Key)[] errors) =>
        errors.Select(e => $"{e.Field}: {Text.Get(e.Key)}").Order(StringComparer.Ordinal).ToArray();

    private static string[]? Lines(Dictionary<string, string[]>? fields) =>
        fields?.Select(f => $"{f.Key}: {string.Join(" | ", f.Value)}").Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_valid_body_reads() => JsonSerializer.Deserialize<Promise>(Valid, Api).ShouldNotBeNull().Demands.Count.ShouldBe(1);

    [Fact]
    public void Every_missing_required_property_is_named_and_none_other()
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(Unreadable("""{"note":"x"}"""));
        status.ShouldBe(400);
        code.ShouldBe("error.malformed_json");
        args.Length.ShouldBe(1);
        Lines(fields).ShouldBe(Fields(("name", "field.required"), ("amount", "field.required"), ("madeOn", "field.required"), ("demands", "field.required")));
    }

    [Fact]
    public void A_missing_property_inside_a_list_item_is_named_by_its_path()
    {
        var (_, fields, _, _) = RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1,"madeOn":"2026-03-01","demands":[{"owner":"甲","amount":2},{"owner":"乙"}]}"""));
        Lines(fields).ShouldBe(Fields(("demands[1].amount", "field.required")));
    }

    [Fact]
    public void An_unknown_property_is_named_as_unknown()
    {
        var (status, fields, _, _) = RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1,"madeOn":"2026-03-01","demands":[],"madeAt":"2026-03-01"}"""));
        status.ShouldBe(400);
        Lines(fields).ShouldBe(Fields(("madeAt", "field.unknown")));
    }

    [Fact]
    public void Null_where_the_type_says_not_null_is_required()
    {
        Lines(RequestReadProblems.Explain(Unreadable("""{"name":null,"amount":1,"madeOn":"2026-03-01","demands":[]}""")).Fields)
            .ShouldBe(Fields(("name", "field.required")));
        Lines(RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1,"madeOn":"2026-03-01","demands":[{"owner":null,"amount":2}]}""")).Fields)
            .ShouldBe(Fields(("demands[0].owner", "field.required")));
    }

    [Fact]
    public void An_amount_beyond_decimal_or_text_for_an_amount_names_the_amount()
    {
        // A record's constructor parameter: the parser's message names the record, not Decimal, so both read as one field error.
        RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1e40,"madeOn":"2026-03-01","demands":[]}""")).Fields.ShouldNotBeNull().Keys.ShouldBe(["amount"]);
        Lines(RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":"很多","madeOn":"2026-03-01","demands":[]}""")).Fields)
            .ShouldBe(Fields(("amount", "field.invalid_value")));
    }

    public sealed class Figures
    {
        public decimal Amount { get; set; }
        public DateOnly? Due { get; set; }
    }

    [Fact]
    public void A_decimal_property_beyond_decimal_is_too_large()
    {
        var inner = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Figures>("""{"amount":1e40}""", Api));
        Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, inner)).Fields).ShouldBe(Fields(("amount", "field.amount_too_large")));
    }

    [Fact]
    public void A_bad_value_for_a_nullable_type_is_an_invalid_value_not_a_required_one()
    {
        // The parser names the type, System.Nullable`1[System.DateOnly]: "null" alone does not make it a missing value.
        var inner = Should.Throw<JsonException>(() => JsonSerializer.Deserialize<Figures>("""{"amount":1,"due":"2026-02-30"}""", Api));
        inner.Message.ShouldContain("Nullable");
        Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, inner)).Fields).ShouldBe(Fields(("due", "field.invalid_value")));
        Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException("Integer values are not allowed.", "$.kind", 0, 0))).Fields)
            .ShouldBe(Fields(("kind", "field.invalid_value")));
    }

    [Fact]
    public void Only_a_number_format_or_overflow_error_on_a_decimal_is_too_large()
    {
        static string[]? Told(Exception? inner, string message = "The JSON value could not be converted to System.Decimal.") =>
            Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException(message, "$.amount", 0, 0, inner))).Fields);
        Told(new OverflowException()).ShouldBe(Fields(("amount", "field.amount_too_large")));
        Told(new InvalidOperationException()).ShouldBe(Fields(("amount", "field.invalid_value")));
        Told(null).ShouldBe(Fields(("amount", "field.invalid_value")));
        Told(new FormatException(), "The JSON value could not be converted to System.Int32.").ShouldBe(Fields(("amount", "field.invalid_value")));
    }

    [Fact]
    public void A_date_that_does_not_parse_is_an_invalid_value()
    {
        Lines(RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1,"madeOn":"2026-02-30","demands":[]}""")).Fields)
            .ShouldBe(Fields(("madeOn", "field.invalid_value")));
        Lines(RequestReadProblems.Explain(Unreadable("""{"name":"土地","amount":1,"madeOn":"2026-03-01","demands":[{"owner":"甲","amount":true}]}""")).Fields)
            .ShouldBe(Fields(("demands[0].amount", "field.invalid_value")));
    }

    [Fact]
    public void Json_broken_as_a_whole_is_one_general_error_in_the_parsers_words_without_the_path()
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(Unreadable("not json"));
        status.ShouldBe(400);
        fields.ShouldBeNull();
        code.ShouldBe("error.malformed_json");
        var words = args.ShouldHaveSingleItem().ShouldBeOfType<string>();
        words.ShouldNotBeEmpty();
        words.ShouldNotContain("Path:");
        Unreadable("not json").InnerException!.Message.ShouldStartWith(words + " Path:");
    }

    [Fact]
    public void The_parsers_words_are_cut_to_200_characters()
    {
        var longWords = new string('x', 250);
        var (_, fields, code, args) = RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException(longWords)));
        fields.ShouldBeNull();
        code.ShouldBe("error.malformed_json");
        args.ShouldBe([new string('x', 200)]);
        RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException(new string('y', 200)))).Args.ShouldBe([new string('y', 200)]);
        RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException("short words"))).Args.ShouldBe(["short words"]);
        // Words that are only a path are still told, never cut to nothing.
        RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException(" Path: $ | LineNumber: 0"))).Args.ShouldBe([" Path: $ | LineNumber: 0"]);
    }

    [Theory]
    [InlineData("$.demands[0].owner", "demands[0].owner")]
    [InlineData("$.name", "name")]
    [InlineData("$['名称']", "['名称']")]
    public void A_path_names_the_field_without_the_root(string path, string field) =>
        Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException("The JSON value could not be converted.", path, 0, 0))).Fields)
            .ShouldBe(Fields((field, "field.invalid_value")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("$")]
    public void The_root_names_no_field(string? path) =>
        RequestReadProblems.Explain(new BadHttpRequestException("x", 400, new JsonException("The JSON value could not be converted.", path, 0, 0))).Fields.ShouldBeNull();

    [Fact]
    public void A_missing_required_message_without_names_falls_back_to_the_path()
    {
        var e = new JsonException("JSON deserialization for type 'Promise' was missing required properties including: .", "$.demands[0]", 0, 0);
        Lines(RequestReadProblems.Explain(new BadHttpRequestException("x", 400, e)).Fields).ShouldBe(Fields(("demands[0]", "field.invalid_value")));
    }

    [Theory]
    [InlineData("""Failed to bind parameter "Guid id" from "abc".""", "id")]
    [InlineData("""Failed to bind parameter "int? PageSize" from "ten".""", "pageSize")]
    [InlineData("""Failed to bind parameter "Dictionary<string, string> filter" from "x".""", "filter")]
    [InlineData("""Failed to bind parameter "from" from "yesterday".""", "from")]
    public void A_parameter_that_does_not_parse_is_named_as_an_invalid_value(string message, string field)
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(new BadHttpRequestException(message, 400));
        status.ShouldBe(400);
        Lines(fields).ShouldBe(Fields((field, "field.invalid_value")));
        code.ShouldBe("");
        args.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""Required parameter "Guid id" was not provided from route.""", "id")]
    [InlineData("""Required parameter "string Q" was not provided from query string.""", "q")]
    [InlineData("""Required parameter "DateOnly from" was not provided from route or query string.""", "from")]
    [InlineData("""Required parameter "string X-Key" was not provided from header.""", null)]
    public void A_required_parameter_left_out_is_named_as_required(string message, string? field)
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(new BadHttpRequestException(message, 400));
        status.ShouldBe(400);
        if (field is null)
        {
            fields.ShouldBeNull();
            code.ShouldBe("error.bad_request");
            return;
        }
        Lines(fields).ShouldBe(Fields((field, "field.required")));
        code.ShouldBe("");
        args.ShouldBeEmpty();
    }

    [Fact]
    public void A_body_left_out_is_one_general_error()
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(new BadHttpRequestException("""Required parameter "Promise command" was not provided from body.""", 400));
        (status, fields, code, args.Length).ShouldBe((400, null, "error.body_required", 0));
    }

    [Fact]
    public void A_wrong_content_type_and_a_body_too_large_keep_their_status()
    {
        var unsupported = RequestReadProblems.Explain(new BadHttpRequestException("""Expected a supported JSON media type but got "text/plain".""", 415));
        (unsupported.Status, unsupported.Fields, unsupported.Code, unsupported.Args.Length).ShouldBe((415, null, "error.unsupported_media_type", 0));
        var tooLarge = RequestReadProblems.Explain(new BadHttpRequestException("Request body too large.", 413));
        (tooLarge.Status, tooLarge.Fields, tooLarge.Code, tooLarge.Args.Length).ShouldBe((413, null, "error.payload_too_large", 0));
    }

    [Fact]
    public void Anything_else_unreadable_is_a_plain_bad_request()
    {
        var (status, fields, code, args) = RequestReadProblems.Explain(new BadHttpRequestException("Implicit body inferred for parameter \"x\" but no body was provided.", 400));
        (status, fields, code, args.Length).ShouldBe((400, null, "error.bad_request", 0));
    }
}
