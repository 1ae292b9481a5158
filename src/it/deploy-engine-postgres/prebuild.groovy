import org.sqlwarehouse.testing.TestDatabase

def db = TestDatabase.postgres()
try {
    db.execute('drop schema if exists it_engine cascade')
    // the database's own record of DDL on it_engine, so that "no DDL" is checked where it happens
    db.execute('create table if not exists public.it_engine_ddl_log (at timestamptz, command text, object text)')
    db.execute('truncate public.it_engine_ddl_log')
    db.execute('''create or replace function public.it_engine_log_ddl() returns event_trigger
        language plpgsql security definer as $$
        declare r record;
        begin
          for r in select * from pg_event_trigger_ddl_commands() loop
            if r.schema_name = 'it_engine' then
              insert into public.it_engine_ddl_log values (clock_timestamp(), r.command_tag, r.object_identity);
            end if;
          end loop;
        exception when others then null;
        end $$''')
    db.execute('drop event trigger if exists it_engine_ddl')
    db.execute('create event trigger it_engine_ddl on ddl_command_end execute function public.it_engine_log_ddl()')
} finally {
    db.close()
}
return true
