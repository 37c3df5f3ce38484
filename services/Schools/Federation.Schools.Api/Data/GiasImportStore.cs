using Federation.Contracts.Schools;

namespace Federation.Schools.Data;

/// <summary>What became of a row of an imported file.</summary>
public enum GiasRowOutcome
{
    Created,
    Updated,
    Unchanged,
    Skipped,
}

/// <summary>What became of one row of an imported file.</summary>
/// <param name="Reason">Why a row was skipped.</param>
/// <param name="Changes">The fields an update changed (camelCase, as the schools API names them).</param>
public sealed record GiasImportedRow(int Row, int? Urn, string? Name, GiasRowOutcome Outcome, string? Reason = null, string[]? Changes = null);

/// <summary>An import's outcome, row by row.</summary>
public sealed record GiasImport(IReadOnlyList<GiasImportedRow> Rows, int LocalAuthoritiesRegistered, int FederationsToConfirm)
{
    public int Count(GiasRowOutcome outcome) => Rows.Count(row => row.Outcome == outcome);
}

/// <summary>A local authority of the file as the directory knows it before the import: null when
/// it is not registered (an administrator's import registers it).</summary>
public sealed record GiasAuthority(GiasLocalAuthority InFile, Guid? Id, bool HasCode);

/// <summary>A GIAS federation waiting to be formed.</summary>
public sealed class FederationToConfirmRow
{
    public string GiasCode { get; init; } = "";

    public string Name { get; init; } = "";

    public Guid[] SchoolIds { get; init; } = [];

    public DateTimeOffset ImportedAt { get; init; }
}

/// <summary>Upserts a GIAS file's establishments by URN, all in one transaction with their events.</summary>
public sealed class GiasImportStore(NpgsqlDataSource dataSource, SchoolStore schools, TimeProvider clock)
{
    /// <summary>The file's local authorities, found by code, else by name (an authority registered by
    /// hand has no code until its first import).</summary>
    public async Task<IReadOnlyList<GiasAuthority>> AuthoritiesAsync(GiasRead file, CancellationToken cancellationToken)
    {
        var inFile = file.Establishments.Select(establishment => establishment.LocalAuthority).DistinctBy(authority => authority.Code).ToArray();
        var known = await dataSource.QueryAsync<(Guid Id, string Name, int? Code)>(
            "select id, name, code from local_authorities where code = any(@Codes) or lower(name) = any(@Names)",
            new { Codes = inFile.Select(authority => authority.Code).ToArray(), Names = inFile.Select(authority => authority.Name.ToLowerInvariant()).ToArray() },
            cancellationToken);
        return inFile.Select(authority =>
        {
            var byCode = known.Where(row => row.Code == authority.Code).Select(row => (Guid?)row.Id).FirstOrDefault();
            var byName = known.Where(row => row.Code is null && row.Name.Equals(authority.Name, StringComparison.OrdinalIgnoreCase))
                .Select(row => (Guid?)row.Id).FirstOrDefault();
            return new GiasAuthority(authority, byCode ?? byName, HasCode: byCode is not null);
        }).ToArray();
    }

    /// <summary>Imports the rows of the authorities in <paramref name="managed"/> (and, when
    /// <paramref name="registersAuthorities"/>, of authorities not yet registered); the others are skipped.</summary>
    /// <param name="newSchoolId">The id of a school the file adds (the demo region's are fixed).</param>
    public Task<GiasImport> ImportAsync(
        GiasRead file, IReadOnlyList<GiasAuthority> authorities, IReadOnlySet<Guid> managed, bool registersAuthorities,
        Func<int, Guid> newSchoolId, CancellationToken cancellationToken) =>
        dataSource.InTransactionAsync(async session =>
        {
            var rows = file.Skipped.Select(skip => new GiasImportedRow(skip.Row, skip.Urn, skip.Name, GiasRowOutcome.Skipped, skip.Reason)).ToList();
            var authorityIds = new Dictionary<int, Guid>();
            var registered = 0;
            foreach (var authority in authorities)
            {
                if (authority.Id is { } id && managed.Contains(id))
                {
                    if (!authority.HasCode)
                    {
                        await session.ExecuteAsync("update local_authorities set code = @Code where id = @id", new { authority.InFile.Code, id });
                    }
                    authorityIds[authority.InFile.Code] = id;
                }
                else if (authority.Id is null && registersAuthorities)
                {
                    var created = Guid.CreateVersion7();
                    await session.ExecuteAsync(
                        "insert into local_authorities (id, name, region, code) values (@created, @Name, @Region, @Code)",
                        new { created, authority.InFile.Name, authority.InFile.Region, authority.InFile.Code });
                    await Outbox.AddAndApplyToReplicaAsync(session, new LocalAuthorityRegistered(
                        created, authority.InFile.Name, authority.InFile.Region, clock.GetUtcNow()));
                    authorityIds[authority.InFile.Code] = created;
                    registered++;
                }
            }

            var stored = (await session.QueryAsync<SchoolRow>(
                    """
                    select id, urn, name, local_authority_id, phase, lowest_age, highest_age, pupils_on_roll, fsm_band,
                           ofsted_grade, ofsted_inspected_on, ofsted_category, specialisms
                    from schools where urn = any(@Urns) for update
                    """,
                    new { Urns = file.Establishments.Select(establishment => establishment.Urn).ToArray() }))
                .ToDictionary(school => school.Urn);
            var federationMembers = new Dictionary<GiasFederation, List<Guid>>();
            var (added, changed) = (new List<SchoolRegistered>(), new List<SchoolUpdated>());
            foreach (var establishment in file.Establishments)
            {
                var existing = stored.GetValueOrDefault(establishment.Urn);
                var skip = !authorityIds.TryGetValue(establishment.LocalAuthority.Code, out var authorityId)
                    ? authorities.Single(authority => authority.InFile.Code == establishment.LocalAuthority.Code).Id is null
                        ? $"{establishment.LocalAuthority.Name} ({establishment.LocalAuthority.Code}) is not a registered local authority: an administrator's import registers it."
                        : $"{establishment.LocalAuthority.Name} ({establishment.LocalAuthority.Code}) is not a local authority you manage."
                    : existing is not null && existing.LocalAuthorityId != authorityId && !managed.Contains(existing.LocalAuthorityId)
                        ? "The school is registered in another local authority, which you do not manage."
                        : null;
                if (skip is not null)
                {
                    rows.Add(new GiasImportedRow(establishment.Row, establishment.Urn, establishment.Name, GiasRowOutcome.Skipped, skip));
                    continue;
                }
                Guid schoolId;
                if (existing is null)
                {
                    schoolId = newSchoolId(establishment.Urn);
                    var details = New(establishment, authorityId);
                    await schools.InsertRowAsync(session, schoolId, details);
                    added.Add(schools.Registered(schoolId, details));
                    rows.Add(new GiasImportedRow(establishment.Row, establishment.Urn, establishment.Name, GiasRowOutcome.Created));
                }
                else
                {
                    schoolId = existing.Id;
                    var (details, changes) = Merged(existing, establishment, authorityId);
                    if (changes.Length > 0)
                    {
                        await schools.ReplaceRowAsync(session, existing.Id, details);
                        changed.Add(schools.Updated(existing.Id, details));
                    }
                    rows.Add(new GiasImportedRow(establishment.Row, establishment.Urn, establishment.Name,
                        changes.Length > 0 ? GiasRowOutcome.Updated : GiasRowOutcome.Unchanged, Changes: changes.Length > 0 ? changes : null));
                }
                if (establishment.Federation is { } federation)
                {
                    federationMembers.TryAdd(federation, []);
                    federationMembers[federation].Add(schoolId);
                }
            }

            // One event for up to 500 schools: a national file reaches every replica in seconds, not minutes.
            foreach (var chunk in added.Cast<object>().Concat(changed).Chunk(500))
            {
                await Outbox.AddAndApplyToReplicaAsync(session, new SchoolsImported(
                    chunk.OfType<SchoolRegistered>().ToArray(), chunk.OfType<SchoolUpdated>().ToArray(), clock.GetUtcNow()));
            }

            var federations = 0;
            foreach (var (federation, members) in federationMembers)
            {
                federations += await session.ExecuteAsync(
                    """
                    insert into federations_to_confirm (gias_code, name, school_ids, imported_at)
                    values (@Code, @Name, @Members, @ImportedAt)
                    on conflict (gias_code) do update set name = excluded.name, school_ids = excluded.school_ids, imported_at = excluded.imported_at
                        where (federations_to_confirm.name, federations_to_confirm.school_ids) is distinct from (excluded.name, excluded.school_ids)
                    """,
                    new { federation.Code, federation.Name, Members = members.Order().ToArray(), ImportedAt = clock.GetUtcNow() });
            }
            return new GiasImport(rows.OrderBy(row => row.Row).ToArray(), registered, federations);
        }, cancellationToken);

    /// <summary>The GIAS federations with a school of the authority whose schools are not yet one
    /// federation of the platform.</summary>
    public Task<List<FederationToConfirmRow>> ToConfirmAsync(Guid localAuthorityId, CancellationToken cancellationToken) =>
        dataSource.QueryAsync<FederationToConfirmRow>(
            """
            select t.gias_code, t.name, t.school_ids, t.imported_at
            from federations_to_confirm t
            where exists (select 1 from schools s where s.id = any(t.school_ids) and s.local_authority_id = @localAuthorityId)
              and not exists (
                  select 1 from federation_members m
                  where m.left_on is null and m.school_id = any(t.school_ids)
                  group by m.federation_id having count(*) = cardinality(t.school_ids))
            order by t.name, t.gias_code
            """,
            new { localAuthorityId }, cancellationToken);

    private static SchoolDetails New(GiasEstablishment establishment, Guid authorityId) => new(
        establishment.Urn, establishment.Name, authorityId, establishment.Phase, establishment.LowestAge, establishment.HighestAge,
        establishment.PupilsOnRoll, establishment.FsmBand, establishment.Ofsted?.Grade, establishment.Ofsted?.InspectedOn,
        establishment.Ofsted?.Category ?? OfstedCategory.None, []);

    /// <summary>The stored entry with what the file knows: a blank in the file keeps what the
    /// directory has (entered by hand, say); Ofsted comes from the file only when it has the columns
    /// and a date of inspection. Specialisms are not in GIAS and stay as they are.</summary>
    private static (SchoolDetails Details, string[] Changes) Merged(SchoolRow stored, GiasEstablishment file, Guid authorityId)
    {
        var ofsted = file.Ofsted is { InspectedOn: not null } inspection
            ? (inspection.Grade, inspection.InspectedOn, inspection.Category)
            : (stored.OfstedGrade, stored.OfstedInspectedOn, stored.OfstedCategory);
        var details = new SchoolDetails(
            file.Urn, file.Name, authorityId, file.Phase, file.LowestAge ?? stored.LowestAge, file.HighestAge ?? stored.HighestAge,
            file.PupilsOnRoll ?? stored.PupilsOnRoll, file.FsmBand ?? stored.FsmBand, ofsted.Item1, ofsted.Item2, ofsted.Item3,
            stored.Specialisms);
        string?[] changes =
        [
            details.Name != stored.Name ? "name" : null,
            details.LocalAuthorityId != stored.LocalAuthorityId ? "localAuthorityId" : null,
            details.Phase != stored.Phase ? "phase" : null,
            details.LowestAge != stored.LowestAge ? "lowestAge" : null,
            details.HighestAge != stored.HighestAge ? "highestAge" : null,
            details.PupilsOnRoll != stored.PupilsOnRoll ? "pupilsOnRoll" : null,
            details.FsmBand != stored.FsmBand ? "fsmBand" : null,
            details.OfstedGrade != stored.OfstedGrade ? "ofstedGrade" : null,
            details.OfstedInspectedOn != stored.OfstedInspectedOn ? "ofstedInspectedOn" : null,
            details.OfstedCategory != stored.OfstedCategory ? "ofstedCategory" : null,
        ];
        return (details, changes.OfType<string>().ToArray());
    }
}
