using System.Data;
using Dapper;

namespace BizEnv.Invest.Infrastructure.Database;

/// <summary>Business dates (due dates, calendar days) are PostgreSQL <c>date</c> ↔ <see cref="DateOnly"/>.</summary>
internal sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }

    public override DateOnly Parse(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a date"),
    };
}
