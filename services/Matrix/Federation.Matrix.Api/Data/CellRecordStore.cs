namespace Federation.Matrix.Data;

/// <summary>A record behind a cell: an observation, a follow-up, a deployment, a visit or a role.
/// Ids, names, dates and states only: never what an observation's record says.</summary>
public sealed class CellRecordRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public string? Person { get; init; }
    public Guid? OtherSchoolId { get; init; }
    public string? OtherSchoolName { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
    public string State { get; init; } = "";
}

/// <summary>The records behind a school's cell for a cycle, a page at a time, one statement per row
/// (<see cref="Behind"/>), each over the school's own facts.</summary>
public sealed class CellRecordStore(NpgsqlDataSource dataSource)
{
    private const string Observations = """
        select o.id, 'observation' as kind, t.name as person, null::uuid as other_school_id, null as other_school_name,
               o.observe_on as starts_on, null::date as ends_on, o.state
        from matrix_observations o left join access_people t on t.id = o.teacher_id
        """;

    private const string Deployments = """
        select d.id, 'deployment' as kind, p.name as person, s.id as other_school_id, s.name as other_school_name, d.starts_on, d.ends_on, d.state
        from matrix_deployments d left join access_people p on p.id = d.person_id
        """;

    private const string Visits = """
        select v.id, 'visit' as kind, p.name as person, s.id as other_school_id, s.name as other_school_name, v.visit_on as starts_on,
               null::date as ends_on, v.state
        from matrix_visits v left join access_people p on p.id = v.visitor_id
        """;

    private const string InCycle = "between @startsOn and @endsOn";

    /// <summary>Behind a leadership row: who leads the function there (@function).</summary>
    private const string Leads = """
        select r.assignment_id as id, 'role' as kind, p.name as person, null::uuid as other_school_id, null as other_school_name,
               r.starts_on, r.ends_on, r.role as state
        from matrix_roles r left join access_people p on p.id = r.person_id
        where r.scope_kind = 'school' and r.scope_id = @schoolId and r.function = @function
          and r.starts_on <= @asOf and (r.ends_on is null or r.ends_on >= @asOf)
        """;

    /// <summary>For each row with records (but the leadership rows: <see cref="Leads"/>), what lies behind it.</summary>
    private static readonly Dictionary<string, string> Behind = new()
    {
        ["observation.teachersObserved"] =
            $"{Observations} where o.school_id = @schoolId and o.state = 'completed' and o.kind in ('headOfDepartment', 'crossSchool') and o.observe_on {InCycle}",
        ["observation.crossSchoolReceived"] = $"{Observations} where o.school_id = @schoolId and o.state = 'completed' and o.cross_school and o.observe_on {InCycle}",
        ["observation.crossSchoolGiven"] = $"""
            select o.id, 'observation' as kind, t.name as person, o.school_id as other_school_id, s.name as other_school_name,
                   o.observe_on as starts_on, null::date as ends_on, o.state
            from matrix_observations o left join access_people t on t.id = o.teacher_id left join matrix_schools s on s.id = o.school_id
            where o.observer_school_ids && array[@schoolId] and o.school_id <> @schoolId and o.state = 'completed' and o.observe_on {InCycle}
            """,
        ["observation.openFollowUps"] = """
            select f.id, 'followUp' as kind, t.name as person, null::uuid as other_school_id, null as other_school_name,
                   null::date as starts_on, null::date as ends_on, f.state
            from matrix_follow_ups f left join access_people t on t.id = f.teacher_id
            where f.school_id = @schoolId and f.state = 'open'
            """,
        ["sharedStaff.sessionsProvided"] = $"""
            {Deployments} left join matrix_schools s on s.id = d.host_school_id
            where d.home_school_id = @schoolId and d.state = 'agreed' and d.starts_on <= @endsOn and d.ends_on >= @startsOn
            """,
        ["sharedStaff.sessionsReceived"] = $"""
            {Deployments} left join matrix_schools s on s.id = d.home_school_id
            where d.host_school_id = @schoolId and d.state = 'agreed' and d.starts_on <= @endsOn and d.ends_on >= @startsOn
            """,
        ["exchanges.visitsMade"] = $"""
            {Visits} left join matrix_schools s on s.id = v.host_school_id
            where v.home_school_id = @schoolId and v.state in ('confirmed', 'completed', 'reflected') and v.visit_on {InCycle}
            """,
        ["exchanges.visitsHosted"] = $"""
            {Visits} left join matrix_schools s on s.id = v.home_school_id
            where v.host_school_id = @schoolId and v.state in ('confirmed', 'completed', 'reflected') and v.visit_on {InCycle}
            """,
        ["exchanges.awaitingDecision"] = $"""
            {Visits} left join matrix_schools s on s.id = case when v.home_school_id = @schoolId then v.host_school_id else v.home_school_id end
            where (v.home_school_id = @schoolId and v.state = 'requested') or (v.host_school_id = @schoolId and v.state = 'approved')
            """,
        ["exchanges.reflectionsOutstanding"] = $"""
            {Visits} left join matrix_schools s on s.id = v.host_school_id
            where v.home_school_id = @schoolId and v.state = 'completed'
            """,
    };

    /// <summary>Whether <paramref name="rowKey"/> is a row of the matrix (context rows have no records behind them).</summary>
    public static bool IsRow(string rowKey) => MatrixRow.All.Any(row => row.Key == rowKey);

    public async Task<Page<CellRecordRow>> ListAsync(
        string rowKey, Guid schoolId, DateOnly startsOn, DateOnly endsOn, DateOnly asOf, PageRequest page, CancellationToken cancellationToken) =>
        (rowKey.StartsWith("leadership.", StringComparison.Ordinal) ? Leads : Behind.GetValueOrDefault(rowKey)) is { } records
            ? await dataSource.QueryPageAsync<CellRecordRow>(
                $"select * from ({records}) r", new WhereClause(), new { schoolId, startsOn, endsOn, asOf, function = rowKey.Split('.')[^1] }, page, "r.id", row => row.Id, cancellationToken)
            : new Page<CellRecordRow>([], null);
}
