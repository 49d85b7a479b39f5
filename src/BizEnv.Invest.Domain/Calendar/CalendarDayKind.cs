namespace BizEnv.Invest.Domain.Calendar;

/// <summary>How a date deviates from the Monday–Friday rule.</summary>
public enum CalendarDayKind
{
    /// <summary>A statutory holiday 法定节假日 (including weekend days inside a holiday period).</summary>
    Holiday,

    /// <summary>A weekend day turned into a working day 调休上班.</summary>
    Workday,
}
