using BizEnv.Invest.Application.Errors;
using Npgsql;

namespace BizEnv.Invest.Web.Tests.Errors;

/// <summary>The database's refusal of a value, told as the caller's 4xx naming the field — pure, no database.</summary>
public sealed class DataRefusalTests
{
    private static PostgresException Refusal(string sqlState, string? detail = null, string? column = null) =>
        new("refused", "ERROR", "ERROR", sqlState, detail: detail, columnName: column);

    [Fact]
    public void An_id_that_names_nothing_is_a_400_naming_the_field()
    {
        DataRefusal.Explain(Refusal(PostgresErrorCodes.ForeignKeyViolation,
                "Key (project_id)=(0f8fad5b-d9cb-469f-a165-70867728950e) is not present in table \"projects\"."))
            .ShouldBe((400, "error.reference_missing", "projectId"));
        DataRefusal.Explain(Refusal(PostgresErrorCodes.ForeignKeyViolation, "Key (responsible_unit_id)=(x) is not present in table \"units\"."))
            .ShouldBe((400, "error.reference_missing", "responsibleUnitId"));
    }

    [Fact]
    public void A_duplicate_is_a_409_naming_the_first_column_of_the_key()
    {
        DataRefusal.Explain(Refusal(PostgresErrorCodes.UniqueViolation, "Key (park_id, name)=(0f8fad5b-d9cb-469f-a165-70867728950e, A区) already exists."))
            .ShouldBe((409, "error.duplicate", "parkId"));
        DataRefusal.Explain(Refusal(PostgresErrorCodes.UniqueViolation, "Key (code)=(HCXM) already exists.")).ShouldBe((409, "error.duplicate", "code"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Failing row contains (…).")]
    [InlineData("The key (project_id)=(x) is not present.")]
    public void Without_a_key_in_the_detail_no_field_is_named(string? detail)
    {
        DataRefusal.Explain(Refusal(PostgresErrorCodes.ForeignKeyViolation, detail)).ShouldBe((400, "error.reference_missing", null));
        DataRefusal.Explain(Refusal(PostgresErrorCodes.UniqueViolation, detail)).ShouldBe((409, "error.duplicate", null));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.CheckViolation)]
    [InlineData(PostgresErrorCodes.NotNullViolation)]
    public void A_broken_constraint_names_the_column_when_the_database_does(string sqlState)
    {
        DataRefusal.Explain(Refusal(sqlState, column: "due_date")).ShouldBe((400, "error.constraint", "dueDate"));
        DataRefusal.Explain(Refusal(sqlState, column: "land_area_m2")).ShouldBe((400, "error.constraint", "landAreaM2"));
        DataRefusal.Explain(Refusal(sqlState, column: "name")).ShouldBe((400, "error.constraint", "name"));
        DataRefusal.Explain(Refusal(sqlState)).ShouldBe((400, "error.constraint", null));
    }

    [Theory]
    [InlineData("unit__kind", "unitKind")]
    [InlineData("_hidden", "hidden")]
    [InlineData("___", "___")]
    public void Odd_column_names_still_read_as_camel_case(string column, string field) =>
        DataRefusal.Explain(Refusal(PostgresErrorCodes.CheckViolation, column: column)).ShouldBe((400, "error.constraint", field));

    [Theory]
    [InlineData(PostgresErrorCodes.NumericValueOutOfRange, "error.value_out_of_range")]
    [InlineData(PostgresErrorCodes.DatetimeFieldOverflow, "error.value_out_of_range")]
    [InlineData(PostgresErrorCodes.InvalidDatetimeFormat, "error.value_out_of_range")]
    [InlineData(PostgresErrorCodes.IntervalFieldOverflow, "error.value_out_of_range")]
    [InlineData(PostgresErrorCodes.StringDataRightTruncation, "error.text_too_long")]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire, "error.text_not_storable")]
    [InlineData(PostgresErrorCodes.UntranslatableCharacter, "error.text_not_storable")]
    [InlineData(PostgresErrorCodes.InvalidTextRepresentation, "error.text_not_storable")]
    public void A_value_the_database_cannot_hold_is_a_400_without_a_field(string sqlState, string code) =>
        DataRefusal.Explain(Refusal(sqlState, "Key (x)=(y)", "some_column")).ShouldBe((400, code, null));

    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    [InlineData(PostgresErrorCodes.ExclusionViolation)]
    public void Any_other_refusal_is_not_the_callers_error(string sqlState) =>
        DataRefusal.Explain(Refusal(sqlState, "Key (x)=(y)", "x")).ShouldBeNull();
}
