-- School names joined the access replica (building blocks' 0003): fill them from the directory.
update access_schools a set name = s.name from schools s where s.id = a.id;
