using System.Data;
using Dapper;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>
/// Npgsql reads timestamptz as UTC <see cref="DateTime"/> and arrays as <see cref="Array"/>; our read
/// models use <see cref="DateTimeOffset"/> and <c>string[]</c>. These handlers bridge both ways, and
/// always write instants in UTC (Npgsql refuses other offsets for timestamptz).
/// </summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new StringArrayHandler());
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset o => o,
            DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType().Name} as an instant"),
        };
    }

    private sealed class StringArrayHandler : SqlMapper.TypeHandler<string[]>
    {
        public override void SetValue(IDbDataParameter parameter, string[]? value) => parameter.Value = value;

        public override string[] Parse(object value) => value as string[] ?? ((Array)value).Cast<string>().ToArray();
    }
}
